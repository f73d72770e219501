/**
 * The Keras-exact tail of the browser examples: Pillow's 'nearest' resize to 224×224,
 * `img_to_array` and VGG16's `preprocess_input`, from @prepguard/preprocess (pure TypeScript,
 * so it bundles for the browser), on pixels the page decoded.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, preprocessInput, resizeImage } from '@prepguard/preprocess';
import type { RgbPixels } from './exact-pixels.js';

export const TARGET_SIZE = [224, 224] as const;

export function vgg16Input(pixels: RgbPixels, resize = true): tf.Tensor4D {
  let img = { mode: 'RGB' as const, width: pixels.width, height: pixels.height, channels: 3, data: pixels.data };
  if (resize) img = resizeImage(img, TARGET_SIZE, 'nearest') as typeof img;
  const x = preprocessInput(imgToArray(img), { model: 'vgg16' });
  const [height, width, channels] = x.shape as [number, number, number];
  return tf.tensor4d(x.data, [1, height, width, channels], 'float32');
}
