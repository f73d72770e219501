/**
 * Decoding by sharp (libvips: libjpeg-turbo-compatible mozjpeg, libpng, libwebp, libtiff), with
 * the two libvips defaults that differ from Pillow switched off: no ICC profile is applied
 * (`ignoreIcc`) and no EXIF rotation (we never call `.rotate()`). The raw bands are requested in
 * the form Pillow keeps: 1-band gray, 16-bit gray as real 16-bit values, CMYK as CMYK without a
 * colour transform.
 */
import sharp, { type Sharp } from 'sharp';
import { assertPixelCount, UnsupportedImage } from '../errors.js';
import type { PillowImage, PillowMode } from '../types.js';
import type { PngFacts } from './png-chunks.js';

/** What the caller learnt from the container that libvips does not report. */
export interface LibvipsHints {
  png?: PngFacts;
  /** TIFF only: Pillow reads 16-bit big-endian gray as I;16B (grayscale then converts it to L). */
  bigEndianGray16?: boolean;
  /** TIFF only: 8-bit signed samples, which Pillow reads as unsigned bytes (mode L / RGB). */
  signedBytes?: boolean;
}

function open(bytes: Uint8Array): Sharp {
  // failOn 'truncated': libvips would otherwise return grey-filled pixels for a cut-off file,
  // where Pillow raises "image file is truncated".
  return sharp(bytes, { ignoreIcc: true, failOn: 'truncated' });
}

/** Decodes with libvips into the Pillow mode Pillow would open the file in. */
export async function decodeWithLibvips(bytes: Uint8Array, hints: LibvipsHints = {}): Promise<PillowImage> {
  const { png } = hints;
  const meta = await open(bytes).metadata();
  // Before decoding: a bomb must fail fast, not allocate.
  if (meta.width !== undefined && meta.height !== undefined) assertPixelCount(meta.width * meta.height);
  if (hints.signedBytes && meta.depth === 'char') return signedBytesAsUnsigned(bytes);
  if (meta.depth !== undefined && meta.depth !== 'uchar' && meta.depth !== 'ushort') {
    // 32-bit integer / float samples open in Pillow as modes I or F, which this package does not model.
    throw new UnsupportedImage(`unsupported: sample format "${meta.depth}" (only 8- and 16-bit images are supported)`);
  }
  const alpha = meta.hasAlpha === true;
  let pipeline = open(bytes);
  let mode: PillowMode;
  let sixteenBit = false;
  let grayAlpha = false;
  switch (meta.space) {
    case 'cmyk':
      // Raw CMYK bands as Pillow holds them (Adobe-inverted JPEGs are already un-inverted by
      // both decoders); Pillow's naive CMYK -> RGB formula is applied later, not an ICC transform.
      pipeline = pipeline.pipelineColourspace('cmyk').toColourspace('cmyk');
      mode = 'CMYK';
      // 16-bit CMYK: Pillow keeps the high byte of each sample (libvips' cast would clip instead).
      if (meta.depth === 'ushort') return highBytes(await pipeline.raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true }), 'CMYK');
      break;
    case 'b-w':
      if (alpha) {
        // libvips drops the alpha band when asked for 'b-w' output; take it from the sRGB
        // expansion (gray replicated) instead and keep bands 0 and 3.
        mode = 'LA';
        grayAlpha = true;
      } else {
        pipeline = pipeline.toColourspace('b-w');
        mode = 'L';
      }
      break;
    case 'grey16':
      if (alpha && png?.gray16Transparency != null) {
        // A tRNS gray level: Pillow keeps the 16-bit gray (I;16) and the level as "transparency";
        // libvips turned it into an alpha band, which we drop again.
        const { data, info } = await pipeline.extractChannel(0).toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
        const gray = new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
        return { mode: 'I;16', width: info.width, height: info.height, channels: 1, data: gray, transparency: png.gray16Transparency };
      }
      if (alpha) {
        // Pillow opens 16-bit gray+alpha as 8-bit LA (high bytes), which is what libvips' 8-bit cast gives.
        mode = 'LA';
        grayAlpha = true;
      } else {
        pipeline = pipeline.toColourspace('grey16');
        mode = hints.bigEndianGray16 ? 'I;16B' : 'I;16';
        sixteenBit = true;
      }
      break;
    case 'srgb':
    case 'rgb':
    case 'rgb16':
      // 16-bit RGB(A): Pillow keeps the high byte, as libvips' 8-bit cast does.
      pipeline = pipeline.toColourspace('srgb');
      mode = alpha ? 'RGBA' : 'RGB';
      break;
    default:
      throw new UnsupportedImage(`unsupported: colour space "${meta.space ?? 'unknown'}"`);
  }
  const { data, info } = await pipeline.raw(sixteenBit ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
  const expected = { L: 1, LA: 2, RGB: 3, RGBA: 4, CMYK: 4, 'I;16': 1, 'I;16B': 1 }[mode];
  if (grayAlpha) {
    if (info.channels !== 4) throw new Error(`decoder returned ${info.channels} bands for a gray+alpha image`);
    const n = info.width * info.height;
    const la = new Uint8Array(n * 2);
    for (let i = 0; i < n; i++) {
      la[i * 2] = data[i * 4];
      la[i * 2 + 1] = data[i * 4 + 3];
    }
    return { mode, width: info.width, height: info.height, channels: 2, data: la };
  }
  if (info.channels !== expected) {
    throw new Error(`decoder returned ${info.channels} bands for a ${mode} image`);
  }
  const pixels = sixteenBit
    ? new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { mode, width: info.width, height: info.height, channels: expected, data: pixels };
}

/**
 * Signed 8-bit samples: Pillow reads the bytes as they are (mode L, or RGB), so -1 is 255. libvips
 * would clip negatives to 0 when casting; taking its signed output bytes unchanged gives Pillow's.
 * A second (extra) sample of gray is dropped, as Pillow opens such files as L.
 */
async function signedBytesAsUnsigned(bytes: Uint8Array): Promise<PillowImage> {
  const { data, info } = await open(bytes).raw({ depth: 'char' }).toBuffer({ resolveWithObject: true });
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const n = info.width * info.height;
  if (info.channels === 3) return { mode: 'RGB', width: info.width, height: info.height, channels: 3, data: raw };
  if (info.channels > 2) throw new UnsupportedImage(`unsupported: signed 8-bit TIFF with ${info.channels} samples per pixel`);
  const gray = new Uint8Array(n);
  for (let i = 0; i < n; i++) gray[i] = raw[i * info.channels];
  return { mode: 'L', width: info.width, height: info.height, channels: 1, data: gray };
}

type RawResult = { data: Buffer; info: { width: number; height: number; channels: number } };

function highBytes({ data, info }: RawResult, mode: 'CMYK'): PillowImage {
  const words = new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  const out = new Uint8Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = words[i] >> 8;
  if (info.channels !== 4) throw new Error(`decoder returned ${info.channels} bands for a ${mode} image`);
  return { mode, width: info.width, height: info.height, channels: 4, data: out };
}

