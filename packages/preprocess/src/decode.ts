/**
 * File bytes -> the image `PIL.Image.open` would give Keras, as far as pixels go.
 *
 * JPEG, PNG, WebP and TIFF pixels come from libvips (formats/libvips.ts), with Pillow's own checks
 * and readings of the container added where libvips differs (formats/png-chunks.ts,
 * formats/tiff.ts). GIF (gif.ts), BMP/DIB and Netpbm (formats/) are decoded here: libvips lacks
 * them or reads them differently from Pillow.
 */
import { readFile } from 'node:fs/promises';
import { DecompressionBombError, ImageDecodeError, TooManyPixels, TruncatedImage, UnsupportedImage } from './errors.js';
import { describeUnsupported, detectFormat } from './formats.js';
import { decodeBmp } from './formats/bmp.js';
import { decodeWithLibvips } from './formats/libvips.js';
import { inspectPngChunks } from './formats/png-chunks.js';
import { decodePnm } from './formats/pnm.js';
import { decodeTiff } from './formats/tiff.js';
import { decodeGifFirstFrame } from './gif.js';
import type { PillowImage } from './types.js';

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
      `unsupported image format (${describeUnsupported(bytes)}); supported: JPEG, PNG, WebP, GIF, TIFF, BMP, PBM/PGM/PPM/PFM`,
    );
  }
  let img: PillowImage;
  try {
    if (format === 'gif') img = decodeGifFirstFrame(bytes);
    else if (format === 'bmp') img = decodeBmp(bytes, true);
    else if (format === 'dib') img = decodeBmp(bytes, false);
    else if (format === 'pnm') img = decodePnm(bytes);
    else if (format === 'png') img = await decodeWithLibvips(bytes, { png: inspectPngChunks(bytes) });
    else if (format === 'tiff') img = await decodeTiff(bytes);
    else img = await decodeWithLibvips(bytes);
  } catch (err) {
    if (err instanceof ImageDecodeError) throw err;
    if (err instanceof TooManyPixels) throw new DecompressionBombError(file, err.pixels);
    if (err instanceof UnsupportedImage) throw new ImageDecodeError(file, err.message);
    if (err instanceof TruncatedImage) throw new ImageDecodeError(file, `truncated ${format.toUpperCase()} data: ${err.message}`);
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    // libvips names a feature it was built without ("... support is not configured"): the file is
    // valid, the decoder lacks it.
    if (/not configured|not supported/i.test(reason)) throw new ImageDecodeError(file, `unsupported: ${reason}`, { cause: err });
    throw new ImageDecodeError(file, `corrupt or truncated ${format.toUpperCase()} data: ${reason}`, { cause: err });
  }
  return img;
}
