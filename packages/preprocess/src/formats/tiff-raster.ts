/**
 * A small TIFF raster reader for the layouts where libvips refuses a file Pillow opens, or reads
 * it differently: tiled planar images ("tiled separate planes not supported"), 16-bit RGB with
 * associated alpha (libvips un-premultiplies at 16 bits, Pillow at 8), 12-bit gray (libvips
 * refuses it) and gray with an unspecified extra sample. Strips or tiles, contiguous or planar,
 * uncompressed, LZW or Deflate, Predictor 1 or 2.
 *
 * Pillow's modes: 16-bit RGB(A) samples keep their high byte; an unassociated alpha
 * (ExtraSamples 2) is RGBA as stored; an associated (premultiplied) alpha is un-premultiplied at
 * 8 bits as Pillow's unpacker does (`v * 255 / a`, truncated; alpha 0 gives a zero pixel);
 * 12-bit gray is I;16 with the 12-bit values unscaled; gray with an unspecified extra sample
 * (ExtraSamples 0) is L, the extra sample dropped; signed bytes are taken as they are; signed
 * 16-bit and 32-bit integer gray is I, 32-bit float gray is F.
 */
import { constants, inflateSync } from 'node:zlib';
import { TruncatedImage, UnsupportedImage } from '../errors.js';
import type { PillowImage } from '../types.js';
import { TAG, type Ifd } from './tiff-ifd.js';
import { decodeTiffLzw } from './tiff-lzw.js';

const STRIP_BYTE_COUNTS = 279;
const TILE_BYTE_COUNTS = 325;
const PREDICTOR = 317;

/** True when libvips cannot read this file the way Pillow does and this module can. */
export function needsOwnRaster(ifd: Ifd): boolean {
  const first = (t: number): number | undefined => ifd.tags.get(t)?.[0];
  const bits = first(TAG.BitsPerSample) ?? 1;
  const samples = first(TAG.SamplesPerPixel) ?? 1;
  const photometric = first(TAG.Photometric);
  if (first(TAG.PlanarConfiguration) === 2 && ifd.tags.has(TAG.TileOffsets)) return true;
  if (photometric === 2 && samples === 4 && bits === 16 && first(TAG.ExtraSamples) === 1) return true;
  if (photometric === 1 && samples === 1 && bits === 12) return true;
  if (photometric === 1 && samples === 2 && bits === 8 && first(TAG.ExtraSamples) === 0) return true;
  // 32-bit integers, signed 16-bit and float gray: Pillow's modes I and F.
  if (samples === 1 && wideGrayMode(bits, first(TAG.SampleFormat) ?? 1) !== null && (photometric ?? 1) <= 1) return true;
  return false;
}

/** Pillow's mode for one gray sample of this size and SampleFormat, when it is I or F. */
function wideGrayMode(bits: number, format: number): 'I' | 'F' | null {
  if (format === 3 && bits === 32) return 'F';
  if (format === 2 && (bits === 16 || bits === 32)) return 'I';
  if (format === 1 && bits === 32) return 'I';
  return null;
}

export function decodeRaster(bytes: Uint8Array, ifd: Ifd): PillowImage {
  const tag = (t: number): number[] => ifd.tags.get(t) ?? [];
  const width = tag(TAG.ImageWidth)[0] ?? 0;
  const height = tag(TAG.ImageLength)[0] ?? 0;
  const bands = tag(TAG.SamplesPerPixel)[0] ?? 1;
  const bits = tag(TAG.BitsPerSample)[0] ?? 1;
  const compression = tag(TAG.Compression)[0] ?? 1;
  const predictor = tag(PREDICTOR)[0] ?? 1;
  const photometric = tag(TAG.Photometric)[0];
  const extra = tag(TAG.ExtraSamples)[0];
  const format = tag(TAG.SampleFormat)[0] ?? 1;
  const planar = tag(TAG.PlanarConfiguration)[0] === 2;
  const tiled = ifd.tags.has(TAG.TileOffsets);
  const what = `TIFF raster (${bands} samples of ${bits} bits, compression ${compression}, predictor ${predictor})`;
  if (![1, 5, 8, 32946].includes(compression) || (predictor !== 1 && predictor !== 2) || (predictor === 2 && bits === 12)) {
    throw new UnsupportedImage(`unsupported: ${what}`);
  }
  if (width === 0 || height === 0) throw new Error('TIFF image size is zero');
  const chunkW = tiled ? tag(TAG.TileWidth)[0] ?? 0 : width;
  const chunkH = tiled ? tag(TAG.TileLength)[0] ?? 0 : Math.min(tag(TAG.RowsPerStrip)[0] ?? height, height);
  if (chunkW === 0 || chunkH === 0) throw new Error('TIFF tile or strip size is zero');
  const offsets = tag(tiled ? TAG.TileOffsets : TAG.StripOffsets);
  const counts = tag(tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
  const across = Math.ceil(width / chunkW);
  const down = Math.ceil(height / chunkH);
  const perChunk = planar ? 1 : bands; // samples per pixel inside one strip/tile
  const planes = planar ? bands : 1;
  if (counts.length < offsets.length) throw new Error('TIFF strip/tile byte counts are missing');
  const rowBytes = Math.ceil((chunkW * perChunk * bits) / 8);
  const le = !ifd.bigEndian;
  // Full-precision samples, band-interleaved.
  const samples = new Float64Array(width * height * bands);
  for (let p = 0; p < planes; p++) {
    for (let ty = 0; ty < down; ty++) {
      for (let tx = 0; tx < across; tx++) {
        const index = p * across * down + ty * across + tx;
        // A strip or tile the table does not list stays zero, as in Pillow.
        if (index >= offsets.length) continue;
        const start = offsets[index]!;
        const end = start + counts[index]!;
        if (end > bytes.length) throw new TruncatedImage('a TIFF strip or tile lies past the end of the file');
        // Tiles are always whole; the last strip holds only the rows left.
        const rows = tiled ? chunkH : Math.min(chunkH, height - ty * chunkH);
        const chunk = decompress(bytes.subarray(start, end), compression, rowBytes * rows);
        if (predictor === 2) undoHorizontalDifferencing(chunk, chunkW * perChunk, rows, perChunk, bits, le);
        const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        for (let y = 0; y < rows && ty * chunkH + y < height; y++) {
          for (let x = 0; x < chunkW && tx * chunkW + x < width; x++) {
            const pixel = (ty * chunkH + y) * width + tx * chunkW + x;
            for (let s = 0; s < perChunk; s++) {
              samples[pixel * bands + p + s] = readSample(chunk, view, y * rowBytes, x * perChunk + s, bits, format, le);
            }
          }
        }
      }
    }
  }
  const wide = bands === 1 ? wideGrayMode(bits, format) : null;
  if (wide === 'I') return { mode: 'I', width, height, channels: 1, data: Int32Array.from(samples) };
  if (wide === 'F') return { mode: 'F', width, height, channels: 1, data: Float32Array.from(samples) };
  return toPillowMode(samples, width, height, bands, bits, photometric, extra, what);
}

function readSample(chunk: Uint8Array, view: DataView, row: number, index: number, bits: number, format: number, le: boolean): number {
  if (bits === 8) return chunk[row + index];
  if (bits === 16) {
    const at = row + index * 2;
    return format === 2 ? view.getInt16(at, le) : view.getUint16(at, le);
  }
  if (bits === 32) {
    const at = row + index * 4;
    return format === 3 ? view.getFloat32(at, le) : format === 2 ? view.getInt32(at, le) : view.getUint32(at, le);
  }
  // 12 bits, most significant bit first.
  const bit = index * 12;
  const at = row + (bit >> 3);
  return bit & 7 ? ((chunk[at] & 0x0f) << 8) | chunk[at + 1] : (chunk[at] << 4) | (chunk[at + 1] >> 4);
}

function toPillowMode(
  samples: Float64Array,
  width: number,
  height: number,
  bands: number,
  bits: number,
  photometric: number | undefined,
  extra: number | undefined,
  what: string,
): PillowImage {
  const n = width * height;
  if (photometric === 1 && bands === 1 && bits === 12) {
    return { mode: 'I;16', width, height, channels: 1, data: Uint16Array.from(samples) };
  }
  if (photometric === 1 && bands === 2 && bits === 8 && extra === 0) {
    const data = new Uint8Array(n);
    for (let i = 0; i < n; i++) data[i] = samples[i * 2];
    return { mode: 'L', width, height, channels: 1, data };
  }
  if (photometric === 2 && (bands === 3 || (bands === 4 && (extra === 1 || extra === 2))) && (bits === 8 || bits === 16)) {
    const data = new Uint8Array(n * bands);
    const shift = bits === 16 ? 8 : 0;
    for (let i = 0; i < data.length; i++) data[i] = samples[i] >> shift;
    if (bands === 4 && extra === 1) unpremultiplyLikePillow(data);
    return { mode: bands === 4 ? 'RGBA' : 'RGB', width, height, channels: bands, data };
  }
  throw new UnsupportedImage(`unsupported: ${what}, photometric ${photometric}`);
}

function decompress(src: Uint8Array, compression: number, length: number): Uint8Array {
  if (compression === 1) {
    if (src.length < length) throw new TruncatedImage('an uncompressed TIFF strip or tile is short');
    return src.slice(0, length);
  }
  if (compression === 5) return decodeTiffLzw(src, length);
  // Like libtiff, take what a Deflate stream holds even when its end marker is missing.
  const inflated = inflateSync(src, { finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(length);
  out.set(inflated.subarray(0, length));
  return out;
}

/** Predictor 2: each sample stored as the difference from the same sample of its left neighbour. */
function undoHorizontalDifferencing(chunk: Uint8Array, rowSamples: number, rows: number, stride: number, bits: number, le: boolean): void {
  if (bits === 8) {
    for (let y = 0; y < rows; y++) {
      const row = y * rowSamples;
      for (let i = stride; i < rowSamples; i++) chunk[row + i] = (chunk[row + i] + chunk[row + i - stride]) & 0xff;
    }
    return;
  }
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  for (let y = 0; y < rows; y++) {
    for (let i = stride; i < rowSamples; i++) {
      const at = (y * rowSamples + i) * 2;
      view.setUint16(at, (view.getUint16(at, le) + view.getUint16(at - stride * 2, le)) & 0xffff, le);
    }
  }
}

function unpremultiplyLikePillow(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3];
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) data[i + c] = a === 0 ? 0 : Math.min(255, Math.floor((data[i + c] * 255) / a));
  }
}
