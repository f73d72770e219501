/**
 * `PIL.Image.Image.resize(size, resample, box)` for the modes Keras can hand it.
 */
import { premultiplyAlpha, unpremultiplyAlphaInPlace } from '../pillow-convert.js';
import type { Interpolation, KerasImage, PillowImage, PillowMode } from '../types.js';
import { convolutionResize, type Box } from './convolution.js';
import { RESAMPLE_FILTERS } from './filters.js';
import { nearestResize } from './nearest.js';

export type { Box } from './convolution.js';

const INTERPOLATIONS: readonly Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'];

/** Throws the same kind of complaint as Keras for an unknown interpolation name. */
export function assertInterpolation(name: unknown): asserts name is Interpolation {
  if (!INTERPOLATIONS.includes(name as Interpolation)) {
    throw new TypeError(
      `Invalid interpolation method ${JSON.stringify(name)}. Supported methods are ${INTERPOLATIONS.join(', ')}`,
    );
  }
}

/**
 * Resizes like Pillow's `Image.resize((width, height), filter, box)`.
 *
 * @param size  `[height, width]` (Keras order).
 * @param box   Source region `[left, top, right, bottom]`; the whole image when omitted.
 *
 * Rules reproduced (Image.py `resize`, _imaging.c `_resize`):
 * - same size and whole-image box: a copy;
 * - RGBA/LA with a filter other than NEAREST: resized premultiplied (RGBa/La), then converted back;
 * - an integral box whose size equals the output: a plain crop;
 * - NEAREST: affine scale with accumulated coordinates; other filters: separable convolution.
 */
export function resizeImage(
  image: PillowImage | KerasImage,
  size: readonly [height: number, width: number],
  interpolation: Interpolation,
  box?: Box,
): PillowImage {
  assertInterpolation(interpolation);
  const img: PillowImage = { ...image, mode: image.mode ?? inferMode(image) };
  const [outH, outW] = size;
  if (!Number.isInteger(outW) || !Number.isInteger(outH) || outW < 1 || outH < 1) {
    throw new RangeError(`resize target must be positive integers, got [${outH}, ${outW}]`);
  }
  const region: Box = box ?? [0, 0, img.width, img.height];
  assertBoxInside(region, img.width, img.height);
  if (
    outW === img.width &&
    outH === img.height &&
    region[0] === 0 &&
    region[1] === 0 &&
    region[2] === img.width &&
    region[3] === img.height
  ) {
    return { ...img, data: img.data.slice() };
  }
  const premultiplied = interpolation !== 'nearest' && (img.mode === 'RGBA' || img.mode === 'LA');
  const src = premultiplied ? { ...img, data: premultiplyAlpha(img.data as Uint8Array, img.channels) } : img;
  const data = resizeRaster(src, outW, outH, interpolation, region);
  if (premultiplied) unpremultiplyAlphaInPlace(data as Uint8Array, img.channels);
  return { mode: img.mode, width: outW, height: outH, channels: img.channels, data };
}

/** Pillow's checks on the source box (ValueError there), on the float32 values it parses. */
function assertBoxInside(box: Box, width: number, height: number): void {
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => Number.isFinite(v))) {
    throw new TypeError(`box must be [left, top, right, bottom] finite numbers, got ${JSON.stringify(box)}`);
  }
  const [left, top, right, bottom] = box.map(Math.fround) as unknown as [number, number, number, number];
  if (left < 0 || top < 0) throw new RangeError(`box offset can't be negative: [${box}]`);
  if (right > width || bottom > height) throw new RangeError(`box can't exceed original image size ${width}x${height}: [${box}]`);
  if (right - left < 0 || bottom - top < 0) throw new RangeError(`box can't be empty: [${box}]`);
}

function resizeRaster(
  img: PillowImage,
  outW: number,
  outH: number,
  interpolation: Interpolation,
  box: Box,
): Uint8Array | Uint16Array | Int32Array {
  const [b0, b1, b2, b3] = box.map(Math.fround) as unknown as [number, number, number, number];
  if (Number.isInteger(b0) && Number.isInteger(b1) && b2 - b0 === outW && b3 - b1 === outH) {
    return crop(img, b0, b1, outW, outH);
  }
  if (img.data instanceof Float32Array) {
    // Keras never resizes mode F: load_img converts it to L (or RGB/RGBA) first.
    throw new TypeError('resizing a float (mode F) image is not supported; convert it with applyColorMode first');
  }
  const raster = { ...img, data: img.data };
  if (interpolation === 'nearest') return nearestResize(raster, outW, outH, box);
  return convolutionResize(raster, outW, outH, RESAMPLE_FILTERS[interpolation], box);
}

function crop(img: PillowImage, left: number, top: number, w: number, h: number): Uint8Array | Uint16Array | Int32Array {
  const ch = img.channels;
  const out = new (img.data.constructor as Uint8ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor)(w * h * ch);
  for (let y = 0; y < h; y++) {
    const from = ((y + top) * img.width + left) * ch;
    out.set(img.data.subarray(from, from + w * ch), y * w * ch);
  }
  return out;
}

/** The Pillow mode of a `KerasImage` that does not carry one, from its band count and sample type. */
function inferMode(img: KerasImage): PillowMode {
  if (img.data instanceof Int32Array && img.channels === 1) return 'I';
  if (img.data instanceof Uint16Array) {
    if (img.channels !== 1) throw new TypeError('16-bit images must have one band (Pillow mode I;16)');
    return 'I;16';
  }
  const modes: Record<number, PillowMode> = { 1: 'L', 2: 'LA', 3: 'RGB', 4: 'RGBA' };
  const mode = modes[img.channels];
  if (!mode) throw new TypeError(`cannot resize an image with ${img.channels} channels`);
  return mode;
}
