/// <reference lib="dom" />
/**
 * MISTAKE resize-filter, in the browser: the <img> is drawn straight onto a 224×224 canvas, so the
 * browser's smoothing resizes it; Keras resizes with Pillow's 'nearest'. The page hands the
 * pipeline an HTMLImageElement (the parameter's default). Preprocessing is Keras-exact.
 *
 * Expected verdict: fail or warn, diagnosis `resize-filter`.
 */
import type * as tf from '@tensorflow/tfjs';
import { dropAlpha } from './shared/exact-pixels.js';
import { TARGET_SIZE, vgg16Input } from './shared/vgg16-input.js';

export function pipeline(image: HTMLImageElement): tf.Tensor4D {
  const [height, width] = TARGET_SIZE;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0, width, height);
  return vgg16Input({ data: dropAlpha(ctx.getImageData(0, 0, width, height).data), width, height }, false);
}

export default pipeline;
