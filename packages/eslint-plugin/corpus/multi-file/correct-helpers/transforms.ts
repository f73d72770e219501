import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

export const loadPixels = (img: HTMLImageElement) =>
  tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();

export function kerasCaffe(x: tf.Tensor3D) {
  return preprocessInput(x, { mode: 'caffe' });
}
