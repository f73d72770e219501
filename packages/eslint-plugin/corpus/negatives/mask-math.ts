// Alpha masks and colours: arithmetic with 255 that has nothing to do with a model input.
import * as tf from '@tensorflow/tfjs';

export function blend(foreground: tf.Tensor3D, background: tf.Tensor3D, mask: tf.Tensor2D) {
  const alpha = mask.toFloat().div(255).expandDims(-1);
  return foreground.toFloat().mul(alpha).add(background.toFloat().mul(tf.scalar(1).sub(alpha)));
}

export const hexToUnit = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
