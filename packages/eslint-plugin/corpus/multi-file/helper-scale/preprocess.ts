import * as tf from '@tensorflow/tfjs';

/** Turns an <img> into a batch of one, scaled to [0, 1]. */
export function toInput(img: HTMLImageElement): tf.Tensor4D {
  return tf.tidy(() => tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat().div(255).expandDims(0));
}
