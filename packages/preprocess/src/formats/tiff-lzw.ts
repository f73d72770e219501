/**
 * TIFF's LZW variant (TIFF 6.0, section 13): codes read most-significant bit first, 256 clears
 * the table, 257 ends the strip, codes start 9 bits wide and widen one code early (when the next
 * free code reaches 2^width - 1), up to 12 bits.
 */
const CLEAR = 256;
const END = 257;

export function decodeTiffLzw(src: Uint8Array, expectedLength: number): Uint8Array {
  const out = new Uint8Array(expectedLength);
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  let width = 9;
  let next = 258;
  let prev = -1;
  let o = 0;
  let i = 0; // next input byte
  let buffer = 0; // pending bits, most significant first
  let pending = 0;
  for (;;) {
    if (o >= expectedLength) break;
    while (pending < width && i < src.length) {
      buffer = ((buffer << 8) | src[i++]) & 0xffffff;
      pending += 8;
    }
    if (pending < width) break;
    const code = (buffer >> (pending - width)) & ((1 << width) - 1);
    pending -= width;
    if (code === CLEAR) {
      width = 9;
      next = 258;
      prev = -1;
      continue;
    }
    if (code === END) break;
    let emit: number;
    if (prev === -1) {
      if (code > 255) throw new Error('corrupt TIFF LZW data');
      emit = code;
    } else if (code < next) {
      emit = code;
      if (next < 4096) add(prev, first[code]);
    } else if (code === next && next < 4096) {
      add(prev, first[prev]);
      emit = code;
    } else {
      throw new Error('corrupt TIFF LZW data');
    }
    // Write the string for `emit` backwards from its end (clipped to the output).
    const len = length[emit];
    let c = emit;
    for (let k = len - 1; k >= 0; k--) {
      if (o + k < expectedLength) out[o + k] = suffix[c];
      c = prefix[c];
    }
    o += len;
    prev = emit;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return out;

  function add(p: number, s: number): void {
    prefix[next] = p;
    suffix[next] = s;
    first[next] = first[p];
    length[next] = length[p] + 1;
    next++;
  }
}
