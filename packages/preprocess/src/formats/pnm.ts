/**
 * Netpbm images (PBM/PGM/PPM, plain P1-P3 and raw P4-P6), in the modes Pillow's PpmImagePlugin
 * opens them in. libvips reads them, but not with Pillow's modes and scaling.
 *
 * Format facts (netpbm's specification): a text header of whitespace-separated tokens (magic,
 * width, height, and maxval except for bitmaps), `#` comments up to the end of the line, one
 * whitespace byte, then samples: bytes (maxval < 256) or big-endian 16-bit words for raw
 * formats, decimal numbers for plain ones. A PBM bit 1 is black.
 *
 * Pillow's modes: bitmaps open as mode 1 (0/255 here), gray as L when maxval < 256 and as 32-bit
 * I above, colour as RGB; PFM ("Pf": 32-bit float gray, rows bottom-up, little-endian when the
 * scale is negative) as F. Samples are rescaled to
 * 255 (or 65535 for I) as `v * max / maxval`, truncated, when maxval is not already that.
 */
import { assertPixelCount, TruncatedImage, UnsupportedImage } from '../errors.js';
import type { PillowImage } from '../types.js';

const isSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d);

class HeaderReader {
  pos = 2;
  constructor(readonly bytes: Uint8Array) {}
  /** The next decimal token, skipping whitespace and comments. */
  int(what: string): number {
    const b = this.bytes;
    for (;;) {
      while (this.pos < b.length && isSpace(b[this.pos])) this.pos++;
      if (this.pos < b.length && b[this.pos] === 0x23) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
        continue;
      }
      break;
    }
    const start = this.pos;
    while (this.pos < b.length && b[this.pos] >= 0x30 && b[this.pos] <= 0x39) this.pos++;
    if (this.pos === start) {
      if (this.pos >= b.length) throw new TruncatedImage(`PNM header ends before the ${what}`);
      throw new Error(`PNM header: expected the ${what}, found byte 0x${b[this.pos].toString(16)}`);
    }
    if (this.pos - start > 10) throw new Error(`PNM header: ${what} is too large`);
    return Number(new TextDecoder('latin1').decode(b.subarray(start, this.pos)));
  }
}

export function decodePnm(bytes: Uint8Array): PillowImage {
  if (bytes[1] === 0x66 || bytes[1] === 0x46) return decodePfm(bytes);
  const kind = bytes[1] - 0x30; // 1..6
  const plain = kind <= 3;
  const bitmap = kind === 1 || kind === 4;
  const channels = kind === 3 || kind === 6 ? 3 : 1;
  const h = new HeaderReader(bytes);
  const width = h.int('width');
  const height = h.int('height');
  const maxval = bitmap ? 1 : h.int('maxval');
  assertPixelCount(width * height);
  if (width === 0 || height === 0) throw new UnsupportedImage(`unsupported: PNM of ${width}x${height} pixels`);
  if (!bitmap && (maxval < 1 || maxval > 65535)) throw new Error(`PNM maxval ${maxval} is out of range 1..65535`);
  // One whitespace byte separates the header from the raster.
  if (h.pos >= bytes.length || !isSpace(bytes[h.pos])) throw new TruncatedImage('PNM header ends before the raster');
  const dataAt = h.pos + 1;
  const n = width * height * channels;
  const sixteen = !bitmap && channels === 1 && maxval > 255;
  const samples = plain ? readPlain(bytes, dataAt, n, bitmap) : readRaw(bytes, dataAt, width, height, channels, bitmap, maxval);
  if (bitmap) {
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = samples[i] ? 0 : 255;
    return { mode: 'L', width, height, channels: 1, data };
  }
  const target = sixteen ? 65535 : 255;
  const data = sixteen ? new Int32Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.min(samples[i], maxval);
    data[i] = maxval === target ? v : Math.floor((v * target) / maxval);
  }
  return { mode: sixteen ? 'I' : channels === 3 ? 'RGB' : 'L', width, height, channels, data };
}

function readRaw(
  bytes: Uint8Array,
  at: number,
  width: number,
  height: number,
  channels: number,
  bitmap: boolean,
  maxval: number,
): Uint32Array {
  const n = width * height * channels;
  const out = new Uint32Array(n);
  if (bitmap) {
    const stride = Math.ceil(width / 8);
    if (at + stride * height > bytes.length) throw new TruncatedImage('PBM raster is truncated');
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[y * width + x] = (bytes[at + y * stride + (x >> 3)] >> (7 - (x & 7))) & 1;
    }
    return out;
  }
  const wide = maxval > 255;
  if (at + n * (wide ? 2 : 1) > bytes.length) throw new TruncatedImage('PNM raster is truncated');
  for (let i = 0; i < n; i++) out[i] = wide ? (bytes[at + 2 * i] << 8) | bytes[at + 2 * i + 1] : bytes[at + i];
  return out;
}

/** Plain (ASCII) samples; a plain PBM may write its 0/1 digits without separators. */
function readPlain(bytes: Uint8Array, at: number, n: number, bitmap: boolean): Uint32Array {
  const out = new Uint32Array(n);
  let p = at;
  for (let i = 0; i < n; i++) {
    while (p < bytes.length && (isSpace(bytes[p]) || bytes[p] === 0x23)) {
      if (bytes[p] === 0x23) while (p < bytes.length && bytes[p] !== 0x0a && bytes[p] !== 0x0d) p++;
      else p++;
    }
    if (p >= bytes.length) throw new TruncatedImage('PNM samples end early');
    if (bitmap) {
      if (bytes[p] !== 0x30 && bytes[p] !== 0x31) throw new Error(`PBM: invalid bit ${String.fromCharCode(bytes[p])}`);
      out[i] = bytes[p++] - 0x30;
      continue;
    }
    let v = 0;
    const start = p;
    while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39 && p - start < 10) v = v * 10 + (bytes[p++] - 0x30);
    if (p === start) throw new Error(`PNM: invalid sample byte 0x${bytes[p].toString(16)}`);
    out[i] = v;
  }
  return out;
}

/** PFM: "Pf" (gray) header lines width/height and scale, then float32 rows from the bottom up. */
function decodePfm(bytes: Uint8Array): PillowImage {
  if (bytes[1] === 0x46) throw new UnsupportedImage('unsupported: colour PFM ("PF"); Pillow opens gray "Pf" only');
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 256)));
  const m = /^Pf\s+(\d+)\s+(\d+)\s+(\S+)\s/.exec(text);
  if (!m) throw new Error('PFM header is malformed');
  const width = Number(m[1]);
  const height = Number(m[2]);
  const scale = Number(m[3]);
  if (!Number.isFinite(scale) || scale === 0) throw new Error(`PFM scale ${m[3]} is invalid`);
  assertPixelCount(width * height);
  const at = m[0].length;
  if (at + width * height * 4 > bytes.length) throw new TruncatedImage('PFM raster is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, width * height * 4);
  const le = scale < 0;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const fileRow = height - 1 - y;
    for (let x = 0; x < width; x++) data[y * width + x] = view.getFloat32((fileRow * width + x) * 4, le);
  }
  return { mode: 'F', width, height, channels: 1, data };
}
