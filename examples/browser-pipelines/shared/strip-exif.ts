/**
 * Chromium applies a JPEG's EXIF orientation to every decode (<img>, createImageBitmap,
 * tf.browser.fromPixels), whatever `imageOrientation` says; Keras/Pillow keeps the stored pixels.
 * Dropping the EXIF (APP1) segments before decoding leaves the browser nothing to rotate by.
 */
const SOI = 0xd8;
const APP1 = 0xe1;
const SOS = 0xda;

/** The JPEG without its EXIF segments; any other file is returned as it is. */
export function stripExif(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) return bytes;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === SOS) break; // entropy-coded data follows: copy the rest as it is
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const segment = bytes.subarray(at, at + 2 + length);
    const isExif = marker === APP1 && String.fromCharCode(...segment.subarray(4, 8)) === 'Exif';
    if (!isExif) kept.push(segment);
    at += 2 + length;
  }
  kept.push(bytes.subarray(at));
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
