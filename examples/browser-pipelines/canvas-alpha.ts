/// <reference lib="dom" />
/**
 * MISTAKE alpha-composited, in the browser: pixels read back from a 2D canvas. The page hands the
 * pipeline a canvas with the image drawn on it (`input = 'canvas'`); a 2D canvas stores
 * premultiplied alpha, so getImageData returns black where alpha is 0 and coarse colour where it is
 * low. Keras/Pillow drops alpha and keeps the stored colour. Resize and preprocessing are Keras-exact.
 * (The canvas is drawn from an <img>, so it also carries the browser's EXIF rotation and ICC colour
 * management: images with an orientation tag or a non-sRGB profile fail for those reasons too.)
 *
 * Expected verdict: fail on images with transparency, diagnosis `alpha-composited`; pass on opaque,
 * untagged images.
 */
import type * as tf from '@tensorflow/tfjs';
import { dropAlpha } from './shared/exact-pixels.js';
import { vgg16Input } from './shared/vgg16-input.js';

export const input = 'canvas';

export function pipeline(canvas: HTMLCanvasElement): tf.Tensor4D {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
  return vgg16Input({ data: dropAlpha(rgba), width, height });
}

export default pipeline;
