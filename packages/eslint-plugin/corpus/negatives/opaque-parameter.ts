// The input comes from the caller; nothing here shows whether it is preprocessed.
import * as tf from '@tensorflow/tfjs';

const inceptionV3 = await tf.loadLayersModel('/models/inception_v3/model.json');

export function predict(batch: tf.Tensor4D) {
  return inceptionV3.predict(batch);
}
