/**
 * The source box `load_img(..., keep_aspect_ratio=True)` resizes from
 * (keras/src/utils/image_utils.py `load_img`): the largest centred region with the target's
 * aspect ratio, in integer pixels, floor-divided exactly like the Python code.
 * Keras passes it to `Image.resize(size, resample, box=...)`, so filters still read the pixels
 * just outside it: this is not the same as cropping first and resizing the crop.
 */
import type { Box } from './resize/index.js';

/** Python's `//` for non-negative integers, exact for any safe integer. */
function floorDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/**
 * @param width/height  source size in pixels
 * @param targetWidth/targetHeight  output size in pixels
 * @returns `[left, top, right, bottom]`
 */
export function kerasBox(width: number, height: number, targetWidth: number, targetHeight: number): Box {
  const cropHeight = Math.min(height, floorDiv(width * targetHeight, targetWidth));
  const cropWidth = Math.min(width, floorDiv(height * targetWidth, targetHeight));
  const top = floorDiv(height - cropHeight, 2);
  const left = floorDiv(width - cropWidth, 2);
  return [left, top, left + cropWidth, top + cropHeight];
}
