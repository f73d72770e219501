/**
 * File bytes -> the image `PIL.Image.open` would give Keras, as far as pixels go.
 *
 * Decoding is done by sharp (libvips: libjpeg-turbo-compatible mozjpeg, libpng, libwebp,
 * libtiff), with the two libvips defaults that differ from Pillow switched off: no ICC profile
 * is applied (`ignoreIcc`) and no EXIF rotation (we never call `.rotate()`). Then the raw
 * bands are requested in the form Pillow keeps: 1-band gray, 16-bit gray as real 16-bit values,
 * CMYK as CMYK without a colour transform. GIF is decoded here (see gif.ts) because Pillow keeps
 * the palette colour of transparent pixels, which libvips does not.
 */
import { readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { assertPixelCount, DecompressionBombError, ImageDecodeError, TooManyPixels, TruncatedImage, UnsupportedImage } from './errors.js';
import { describeUnsupported, detectFormat } from './formats.js';
import { decodeBmp } from './formats/bmp.js';
import { inspectPngChunks, type PngFacts } from './formats/png-chunks.js';
import { decodePnm } from './formats/pnm.js';
import { decodeGifFirstFrame } from './gif.js';
import type { PillowImage, PillowMode } from './types.js';

export interface DecodeOptions {
  /** Name used in errors when `source` is bytes (defaults to `<buffer>`). */
  fileName?: string;
}

/** Reads a file, turning I/O failures into `ImageDecodeError`. */
export async function readSource(source: string | Uint8Array, fileName?: string): Promise<{ bytes: Uint8Array; file: string }> {
  if (typeof source !== 'string') {
    if (!(source instanceof Uint8Array)) {
      throw new TypeError('source must be a file path or a Uint8Array/Buffer of encoded image bytes');
    }
    return { bytes: source, file: fileName ?? '<buffer>' };
  }
  try {
    return { bytes: await readFile(source), file: source };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read file (${code ?? String(err)})`;
    throw new ImageDecodeError(source, reason, { cause: err });
  }
}

/**
 * Decodes encoded image bytes (or a file) into the Pillow-mode image Keras works on.
 * Throws `ImageDecodeError` for empty, truncated, corrupt or unsupported input; never returns
 * a partially decoded image.
 */
export async function decodeImage(source: string | Uint8Array, options: DecodeOptions = {}): Promise<PillowImage> {
  const { bytes, file } = await readSource(source, options.fileName);
  if (bytes.length === 0) throw new ImageDecodeError(file, 'empty file');
  const format = detectFormat(bytes);
  if (format === null) {
    throw new ImageDecodeError(
      file,
      `unsupported image format (${describeUnsupported(bytes)}); supported: JPEG, PNG, WebP, GIF, TIFF, BMP, PPM/PGM/PBM`,
    );
  }
  let img: PillowImage;
  try {
    if (format === 'gif') img = decodeGifFirstFrame(bytes);
    else if (format === 'bmp') img = decodeBmp(bytes, true);
    else if (format === 'dib') img = decodeBmp(bytes, false);
    else if (format === 'pnm') img = decodePnm(bytes);
    else if (format === 'png') img = await decodeWithSharp(bytes, inspectPngChunks(bytes));
    else img = await decodeWithSharp(bytes);
  } catch (err) {
    if (err instanceof ImageDecodeError) throw err;
    if (err instanceof TooManyPixels) throw new DecompressionBombError(file, err.pixels);
    if (err instanceof UnsupportedImage) throw new ImageDecodeError(file, err.message);
    if (err instanceof TruncatedImage) throw new ImageDecodeError(file, `truncated ${format.toUpperCase()} data: ${err.message}`);
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ImageDecodeError(file, `corrupt or truncated ${format.toUpperCase()} data: ${reason}`, { cause: err });
  }
  return img;
}

function open(bytes: Uint8Array): Sharp {
  // failOn 'truncated': libvips would otherwise return grey-filled pixels for a cut-off file,
  // where Pillow raises "image file is truncated".
  return sharp(bytes, { ignoreIcc: true, failOn: 'truncated' });
}

async function decodeWithSharp(bytes: Uint8Array, png?: PngFacts): Promise<PillowImage> {
  const meta = await open(bytes).metadata();
  // Before decoding: a bomb must fail fast, not allocate.
  if (meta.width !== undefined && meta.height !== undefined) assertPixelCount(meta.width * meta.height);
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
        mode = 'I;16';
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
  const expected = { L: 1, LA: 2, RGB: 3, RGBA: 4, CMYK: 4, 'I;16': 1 }[mode];
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
