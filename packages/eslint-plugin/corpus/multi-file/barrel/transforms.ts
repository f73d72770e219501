import type * as tf from '@tensorflow/tfjs';

/** Maps 0..255 to [-1, 1]. */
export function toSymmetric(x: tf.Tensor3D) {
  return x.toFloat().div(127.5).sub(1);
}
