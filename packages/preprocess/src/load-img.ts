/**
 * `keras.utils.load_img` (keras/src/utils/image_utils.py): open, colour-convert, then resize.
 */
import { decodeImage } from './decode.js';
import { kerasBox } from './keras-box.js';
import { applyColorMode } from './pillow-convert.js';
import { assertInterpolation, resizeImage } from './resize/index.js';
import type { ColorMode, Interpolation, KerasImage, PillowImage } from './types.js';

export interface LoadImgOptions {
  /** `[height, width]` (Keras order), or null/undefined to keep the decoded size. */
  targetSize?: readonly [height: number, width: number] | null;
  /** Resampling filter; Keras' default is `nearest`. */
  interpolation?: Interpolation;
  /** Resize the centred region with the target's aspect ratio instead of squashing. */
  keepAspectRatio?: boolean;
  /** `rgb` (default), `rgba` or `grayscale`. */
  colorMode?: ColorMode;
  /** Name used in errors when `source` is bytes. */
  fileName?: string;
}

/**
 * Loads an image exactly like `keras.utils.load_img(path, color_mode, target_size,
 * interpolation, keep_aspect_ratio)`: no EXIF rotation, no ICC conversion, colour conversion
 * before resizing, no resize when the size already matches.
 *
 * @throws ImageDecodeError for unreadable, empty, corrupt, truncated or unsupported files.
 */
export async function loadImg(source: string | Uint8Array, options: LoadImgOptions = {}): Promise<KerasImage> {
  validateLoadOptions(options);
  const decoded = await decodeImage(source, { fileName: options.fileName });
  return loadImgFromDecoded(decoded, options);
}

/**
 * The part of `load_img` after `Image.open`: colour conversion, then the optional resize.
 * Useful to decode a file once (`decodeImage`) and derive several Keras inputs from it.
 */
export function loadImgFromDecoded(decoded: PillowImage, options: Omit<LoadImgOptions, 'fileName'> = {}): KerasImage {
  const { targetSize = null, interpolation = 'nearest', keepAspectRatio = false, colorMode = 'rgb' } = options;
  validateLoadOptions(options);
  // Gray to RGB only copies the gray value into three bands, and every filter treats bands alike,
  // so resizing the gray image first gives the same bits for a third (or less) of the work.
  const resizeFirst = colorMode === 'rgb' && decoded.mode === 'L';
  let img = resizeFirst ? decoded : applyColorMode(decoded, colorMode);
  if (targetSize !== null) {
    const [height, width] = targetSize;
    // Keras skips the resize (and the aspect-ratio box) when the size already matches.
    if (img.width !== width || img.height !== height) {
      const box = keepAspectRatio ? kerasBox(img.width, img.height, width, height) : undefined;
      img = resizeImage(img, [height, width], interpolation, box);
    }
  }
  if (resizeFirst) img = applyColorMode(img, colorMode);
  return { width: img.width, height: img.height, channels: img.channels, data: img.data, mode: img.mode };
}

function validateLoadOptions(options: LoadImgOptions): void {
  const { targetSize = null, interpolation = 'nearest' } = options;
  if (targetSize !== null) {
    if (!Array.isArray(targetSize) || targetSize.length !== 2 || !targetSize.every((v) => Number.isInteger(v) && v > 0)) {
      throw new TypeError(`targetSize must be [height, width] positive integers, got ${JSON.stringify(targetSize)}`);
    }
  }
  assertInterpolation(interpolation);
}
