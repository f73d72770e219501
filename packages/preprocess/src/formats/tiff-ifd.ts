/**
 * The first image file directory (IFD) of a TIFF or BigTIFF: tag number -> numeric values.
 * Only what is needed to reproduce Pillow's reading where libvips differs; values of
 * non-numeric types (ASCII, UNDEFINED) are returned as bytes.
 *
 * Layout facts (TIFF 6.0, BigTIFF): "II"/"MM" byte order, magic 42 (classic: 32-bit offsets,
 * 12-byte entries) or 43 (BigTIFF: 64-bit offsets, 20-byte entries); an entry is tag, type,
 * count, then the value itself when it fits in the offset field, else its offset.
 */
import { TruncatedImage } from '../errors.js';

export interface Ifd {
  bigEndian: boolean;
  bigTiff: boolean;
  tags: Map<number, number[]>;
}

/** Byte size of one value of each TIFF field type (1..18). */
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };

export function readFirstIfd(bytes: Uint8Array): Ifd {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const need = (end: number): void => {
    if (end > bytes.length) throw new TruncatedImage('TIFF directory is cut short');
  };
  need(8);
  const bigTiff = view.getUint16(2, le) === 43;
  const offsetAt = (at: number): number => {
    need(at + (bigTiff ? 8 : 4));
    return bigTiff ? Number(view.getBigUint64(at, le)) : view.getUint32(at, le);
  };
  const ifd = offsetAt(bigTiff ? 8 : 4);
  need(ifd + (bigTiff ? 8 : 2));
  const entries = bigTiff ? Number(view.getBigUint64(ifd, le)) : view.getUint16(ifd, le);
  const entrySize = bigTiff ? 20 : 12;
  const first = ifd + (bigTiff ? 8 : 2);
  const tags = new Map<number, number[]>();
  for (let i = 0; i < entries; i++) {
    const e = first + i * entrySize;
    if (e + entrySize > bytes.length) break;
    const tag = view.getUint16(e, le);
    const type = view.getUint16(e + 2, le);
    const count = bigTiff ? Number(view.getBigUint64(e + 4, le)) : view.getUint32(e + 4, le);
    const size = TYPE_SIZES[type];
    if (size === undefined || count > 1 << 20) continue;
    const inline = size * count <= (bigTiff ? 8 : 4);
    const at = inline ? e + (bigTiff ? 12 : 8) : offsetAt(e + (bigTiff ? 12 : 8));
    if (at + size * count > bytes.length) continue; // value outside the file: ignored, as Pillow warns and skips it
    const values: number[] = [];
    for (let k = 0; k < count; k++) {
      const p = at + k * size;
      switch (type) {
        case 3: values.push(view.getUint16(p, le)); break;
        case 8: values.push(view.getInt16(p, le)); break;
        case 4: case 13: values.push(view.getUint32(p, le)); break;
        case 9: values.push(view.getInt32(p, le)); break;
        case 16: case 18: values.push(Number(view.getBigUint64(p, le))); break;
        case 17: values.push(Number(view.getBigInt64(p, le))); break;
        case 5: values.push(view.getUint32(p, le) / (view.getUint32(p + 4, le) || 1)); break;
        case 10: values.push(view.getInt32(p, le) / (view.getInt32(p + 4, le) || 1)); break;
        case 11: values.push(view.getFloat32(p, le)); break;
        case 12: values.push(view.getFloat64(p, le)); break;
        case 6: values.push(view.getInt8(p)); break;
        default: values.push(bytes[p]); break; // BYTE, ASCII, UNDEFINED
      }
    }
    tags.set(tag, values);
  }
  return { bigEndian: !le, bigTiff, tags };
}

/** TIFF tag numbers used here. */
export const TAG = {
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  StripOffsets: 273,
  Orientation: 274,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  PlanarConfiguration: 284,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  ExtraSamples: 338,
  SampleFormat: 339,
} as const;
