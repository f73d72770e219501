/**
 * Windows/OS2 bitmaps (BMP, and DIB: the same without the 14-byte file header), decoded into the
 * mode Pillow's BmpImagePlugin opens them in. libvips has no BMP loader.
 *
 * Layout facts (Microsoft's BITMAPINFOHEADER family): rows bottom-up unless the height is
 * negative, each row padded to 4 bytes, 1/4/8-bit indices (Pillow refuses 2-bit) into a BGR(X) palette, 16/24/32-bit
 * BGR with optional BITFIELDS masks, RLE8/RLE4 run-length compression.
 *
 * Pillow's choices reproduced here: a palette that is exactly black/white (2 colours) or the
 * identity gray ramp opens as gray (mode 1/L), any other as a palette (expanded to RGB here, which
 * every conversion Keras applies sees identically); 32-bit without masks drops the fourth byte;
 * only the bitfield layouts Pillow knows are accepted; 5- and 6-bit channels widen as
 * `v * 255 / max`, truncated.
 */
import { assertPixelCount, TruncatedImage, UnsupportedImage } from '../errors.js';
import type { PillowImage } from '../types.js';

const HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
const RAW = 0;
const RLE8 = 1;
const RLE4 = 2;
const BITFIELDS = 3;

/** Bitfield masks (r, g, b, a) Pillow decodes, per bit depth, and the byte layout each means. */
const MASK_LAYOUTS: Record<number, Array<{ masks: [number, number, number, number]; alpha: boolean }>> = {
  32: [
    { masks: [0xff0000, 0xff00, 0xff, 0], alpha: false },
    { masks: [0xff000000, 0xff0000, 0xff00, 0], alpha: false },
    { masks: [0xff000000, 0xff00, 0xff, 0], alpha: false },
    { masks: [0xff000000, 0xff0000, 0xff00, 0xff], alpha: true },
    { masks: [0xff, 0xff00, 0xff0000, 0xff000000], alpha: true },
    { masks: [0xff0000, 0xff00, 0xff, 0xff000000], alpha: true },
    { masks: [0xff000000, 0xff00, 0xff, 0xff0000], alpha: true },
    { masks: [0, 0, 0, 0], alpha: true },
  ],
  24: [{ masks: [0xff0000, 0xff00, 0xff, 0], alpha: false }],
  16: [
    { masks: [0xf800, 0x7e0, 0x1f, 0], alpha: false },
    { masks: [0x7c00, 0x3e0, 0x1f, 0], alpha: false },
  ],
};

class Reader {
  constructor(readonly bytes: Uint8Array) {}
  u16(at: number): number {
    this.need(at + 2);
    return this.bytes[at] | (this.bytes[at + 1] << 8);
  }
  u32(at: number): number {
    this.need(at + 4);
    return (this.bytes[at] | (this.bytes[at + 1] << 8) | (this.bytes[at + 2] << 16) | (this.bytes[at + 3] << 24)) >>> 0;
  }
  need(end: number): void {
    if (end > this.bytes.length) throw new TruncatedImage('BMP header is truncated');
  }
}

interface BmpHeader {
  width: number;
  height: number;
  topDown: boolean;
  bits: number;
  compression: number;
  colors: number;
  masks: [number, number, number, number] | null;
  /** Where the palette starts and how many bytes each entry has (3 for OS/2 v1, else 4). */
  paletteAt: number;
  paletteEntry: number;
  dataAt: number;
}

function readHeader(r: Reader, fileHeader: boolean): BmpHeader {
  const base = fileHeader ? 14 : 0;
  const size = r.u32(base);
  if (!HEADER_SIZES.has(size)) throw new UnsupportedImage(`unsupported: BMP header of ${size} bytes`);
  let width: number;
  let height: number;
  let bits: number;
  let compression = RAW;
  let colors = 0;
  let masks: BmpHeader['masks'] = null;
  let paletteAt = base + size;
  if (size === 12) {
    width = r.u16(base + 4);
    height = r.u16(base + 6);
    bits = r.u16(base + 10);
  } else {
    width = r.u32(base + 4);
    height = r.u32(base + 8);
    bits = r.u16(base + 14);
    compression = r.u32(base + 16);
    colors = r.u32(base + 32);
    if (compression === BITFIELDS) {
      if (size >= 52) {
        // Masks inside the header; the alpha mask only from the 56-byte header on.
        masks = [r.u32(base + 40), r.u32(base + 44), r.u32(base + 48), size >= 56 ? r.u32(base + 52) : 0];
      } else {
        masks = [r.u32(paletteAt), r.u32(paletteAt + 4), r.u32(paletteAt + 8), 0];
        paletteAt += 12;
      }
    }
  }
  // Top-down when the height's top byte is 0xFF (Pillow's test), stored as its two's complement.
  const topDown = size !== 12 && height >>> 24 === 0xff;
  if (topDown) height = 2 ** 32 - height;
  const paletteEntry = size === 12 ? 3 : 4;
  if (bits <= 8 && colors === 0) colors = 1 << bits;
  const paletteBytes = bits <= 8 ? colors * paletteEntry : 0;
  let dataAt = fileHeader ? r.u32(10) : paletteAt + paletteBytes;
  // A file header whose pixel offset forgets the palette (Pillow skips the palette then).
  if (fileHeader && dataAt === 14 + size) dataAt += paletteBytes;
  return { width, height, topDown, bits, compression, colors, masks, paletteAt, paletteEntry, dataAt };
}

/** Decodes a BMP file (`fileHeader`) or a bare DIB into the image Pillow would open. */
export function decodeBmp(bytes: Uint8Array, fileHeader = true): PillowImage {
  const r = new Reader(bytes);
  const h = readHeader(r, fileHeader);
  assertPixelCount(h.width * h.height);
  if (h.width === 0 || h.height === 0) throw new UnsupportedImage(`unsupported: BMP of ${h.width}x${h.height} pixels`);
  if (![1, 4, 8, 16, 24, 32].includes(h.bits)) throw new UnsupportedImage(`unsupported: BMP pixel depth ${h.bits}`);
  if (h.compression !== RAW && h.compression !== BITFIELDS && h.compression !== RLE8 && h.compression !== RLE4) {
    throw new UnsupportedImage(`unsupported: BMP compression ${h.compression}`);
  }
  if (h.bits <= 8) return decodeIndexed(r, h);
  if (h.compression !== RAW && h.compression !== BITFIELDS) {
    throw new UnsupportedImage(`unsupported: BMP compression ${h.compression} at ${h.bits} bits`);
  }
  return decodeDirect(r, h);
}

/** Row `y` of the image (top = 0) starts at this row of the file. */
function fileRow(h: BmpHeader, y: number): number {
  return h.topDown ? y : h.height - 1 - y;
}

function decodeIndexed(r: Reader, h: BmpHeader): PillowImage {
  if (h.colors > 65536) throw new UnsupportedImage(`unsupported: BMP palette of ${h.colors} colours`);
  // Pillow accepts the header but cannot hold more than 256 palette entries (ValueError).
  if (h.colors > 256) throw new Error(`BMP palette of ${h.colors} colours is larger than 256`);
  r.need(h.paletteAt + h.colors * h.paletteEntry);
  const palette = new Uint8Array(h.colors * 3);
  for (let i = 0; i < h.colors; i++) {
    const at = h.paletteAt + i * h.paletteEntry;
    palette[i * 3] = r.bytes[at + 2];
    palette[i * 3 + 1] = r.bytes[at + 1];
    palette[i * 3 + 2] = r.bytes[at];
  }
  const { width, height } = h;
  let indices: Uint8Array;
  if (h.compression === RLE8 || h.compression === RLE4) {
    indices = decodeRle(r.bytes, h);
  } else {
    if (h.compression !== RAW) throw new UnsupportedImage(`unsupported: BMP compression ${h.compression} at ${h.bits} bits`);
    const stride = (((width * h.bits + 31) >>> 5) << 2) >>> 0;
    const rowBytes = Math.ceil((width * h.bits) / 8);
    // Pillow reads every row at full stride except that the last row needs only its pixels.
    if (h.dataAt + stride * (height - 1) + rowBytes > r.bytes.length) throw new TruncatedImage('BMP pixel data is truncated');
    indices = new Uint8Array(width * height);
    const perByte = 8 / h.bits;
    const mask = (1 << h.bits) - 1;
    for (let y = 0; y < height; y++) {
      const row = h.dataAt + fileRow(h, y) * stride;
      const out = y * width;
      for (let x = 0; x < width; x++) {
        const byte = r.bytes[row + Math.floor(x / perByte)];
        const shift = 8 - h.bits * ((x % perByte) + 1);
        indices[out + x] = (byte >> shift) & mask;
      }
    }
  }
  return expandIndexed(indices, width, height, palette, h.colors);
}

/** Pillow opens a black/white (2 colours) or identity-ramp palette as gray; the rest as P. */
function isGrayRamp(palette: Uint8Array, colors: number): boolean {
  const levels = colors === 2 ? [0, 255] : Array.from({ length: colors }, (_, i) => i);
  return levels.every((v, i) => palette[i * 3] === v && palette[i * 3 + 1] === v && palette[i * 3 + 2] === v);
}

function expandIndexed(indices: Uint8Array, width: number, height: number, palette: Uint8Array, colors: number): PillowImage {
  const n = width * height;
  if (isGrayRamp(palette, colors)) {
    // Mode 1 (at most 2 colours): a set bit is white. Mode L: the index is the gray level.
    const data = colors <= 2 ? indices.map((v) => (v ? 255 : 0)) : indices;
    return { mode: 'L', width, height, channels: 1, data };
  }
  const data = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const idx = indices[i];
    if (idx >= colors) continue; // outside the palette: black
    data[i * 3] = palette[idx * 3];
    data[i * 3 + 1] = palette[idx * 3 + 1];
    data[i * 3 + 2] = palette[idx * 3 + 2];
  }
  return { mode: 'RGB', width, height, channels: 3, data };
}

/**
 * RLE8/RLE4, as Pillow's decoder reads them: (count, value) runs clipped at the end of the row;
 * count 0 escapes to end of line (0), end of bitmap (1), a (dx, dy) skip (2) or `value` literal
 * pixels padded to an even file position. Skipped pixels are index 0. A stream that ends before
 * the image is full is an error ("not enough image data").
 */
function decodeRle(bytes: Uint8Array, h: BmpHeader): Uint8Array {
  const { width, height } = h;
  const four = h.compression === RLE4;
  const total = width * height;
  // Pixels in file order (bottom row first unless top-down); a literal run may overflow a row.
  const flat = new Uint8Array(total + 256);
  let o = 0;
  let x = 0;
  let p = h.dataAt;
  while (o < total && p + 1 < bytes.length) {
    const count = bytes[p];
    const value = bytes[p + 1];
    p += 2;
    if (count > 0) {
      const n = x + count > width ? Math.max(0, width - x) : count;
      for (let i = 0; i < n; i++) flat[o++] = four ? (i % 2 === 0 ? value >> 4 : value & 15) : value;
      x += n;
    } else if (value === 0) {
      if (o % width !== 0) o += width - (o % width);
      x = 0;
    } else if (value === 1) {
      break;
    } else if (value === 2) {
      if (p + 1 >= bytes.length) break;
      o += Math.min(total - o, bytes[p] + bytes[p + 1] * width);
      p += 2;
      x = o % width;
    } else {
      const n = Math.min(total - o, value);
      const available = Math.min(four ? (n + 1) >> 1 : n, bytes.length - p);
      if (four) {
        for (let i = 0; i < available; i++) {
          flat[o++] = bytes[p + i] >> 4;
          if (i * 2 + 1 < n) flat[o++] = bytes[p + i] & 15;
        }
      } else {
        flat.set(bytes.subarray(p, p + available), o);
        o += available;
      }
      p += available;
      if (available < (four ? (n + 1) >> 1 : n) || o >= total) break;
      x += value;
      if (p % 2 !== 0) p++;
    }
  }
  if (o < total) throw new Error(`not enough image data: the RLE stream ends after ${o} of ${total} pixels`);
  if (h.topDown) return flat.subarray(0, total);
  const out = new Uint8Array(total);
  for (let y = 0; y < height; y++) out.set(flat.subarray(y * width, (y + 1) * width), (height - 1 - y) * width);
  return out;
}

function decodeDirect(r: Reader, h: BmpHeader): PillowImage {
  const { width, height, bits } = h;
  let masks: [number, number, number, number];
  let alpha = false;
  if (h.compression === BITFIELDS) {
    const layout = (MASK_LAYOUTS[bits] ?? []).find((l) => l.masks.every((m, i) => m === h.masks![i]));
    // For 24 and 16 bits Pillow matches the colour masks only.
    const colourOnly = bits !== 32 ? (MASK_LAYOUTS[bits] ?? []).find((l) => l.masks.slice(0, 3).every((m, i) => m === h.masks![i])) : undefined;
    const found = layout ?? colourOnly;
    if (found === undefined) throw new UnsupportedImage(`unsupported: BMP bitfields layout ${h.masks!.map((m) => `0x${m.toString(16)}`).join('/')}`);
    masks = found.masks;
    alpha = found.alpha;
    if (masks.every((m) => m === 0)) masks = [0xff0000, 0xff00, 0xff, 0xff000000];
  } else {
    masks = bits === 16 ? [0x7c00, 0x3e0, 0x1f, 0] : [0xff0000, 0xff00, 0xff, 0];
  }
  const bytesPer = bits / 8;
  const stride = (((width * bits + 31) >>> 5) << 2) >>> 0;
  if (h.dataAt + stride * (height - 1) + width * bytesPer > r.bytes.length) throw new TruncatedImage('BMP pixel data is truncated');
  const channels = alpha ? 4 : 3;
  const data = new Uint8Array(width * height * channels);
  const shifts = masks.map((m) => (m === 0 ? 0 : 31 - Math.clz32(m & -m)));
  const maxima = masks.map((m, i) => (m >>> shifts[i]!) >>> 0);
  const d = r.bytes;
  // Byte-aligned 8-bit fields (BGR, BGRX, BGRA, ...): each channel is one byte of the pixel.
  if (maxima.every((m, c) => c >= channels || m === 255) && shifts.every((s, c) => c >= channels || s % 8 === 0)) {
    const offsets = shifts.slice(0, channels).map((s) => s / 8);
    for (let y = 0; y < height; y++) {
      let at = h.dataAt + fileRow(h, y) * stride;
      let o = y * width * channels;
      for (let x = 0; x < width; x++, at += bytesPer, o += channels) {
        for (let c = 0; c < channels; c++) data[o + c] = d[at + offsets[c]!];
      }
    }
    return { mode: alpha ? 'RGBA' : 'RGB', width, height, channels, data };
  }
  for (let y = 0; y < height; y++) {
    let at = h.dataAt + fileRow(h, y) * stride;
    let o = y * width * channels;
    for (let x = 0; x < width; x++, at += bytesPer, o += channels) {
      const v = bits === 16 ? d[at] | (d[at + 1] << 8) : bits === 24 ? d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) : (d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0;
      for (let c = 0; c < channels; c++) {
        const max = maxima[c]!;
        const raw = ((v & masks[c]!) >>> 0) >>> shifts[c]!;
        // 8-bit fields as they are; 5/6-bit fields widened like Pillow's BGR;15/BGR;16 unpackers.
        data[o + c] = max === 255 ? raw : Math.floor((raw * 255) / max);
      }
    }
  }
  return { mode: alpha ? 'RGBA' : 'RGB', width, height, channels, data };
}
