// Per-channel torch normalization in a loop for DenseNet169.
import * as tf from '@tensorflow/tfjs';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
const densenet169 = await tf.loadLayersModel('/models/densenet169/model.json');

export function predict(rgb: Uint8Array) {
  const input = Float32Array.from(rgb, (v, i) => (v / 255 - MEAN[i % 3]!) / STD[i % 3]!);
  return densenet169.predict(tf.tensor4d(input, [1, 224, 224, 3]));
}
