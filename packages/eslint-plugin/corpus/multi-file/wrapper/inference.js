import * as tf from '@tensorflow/tfjs';

const inceptionModel = await tf.loadLayersModel('/models/inception_v3/model.json');

/** Runs InceptionV3 on a preprocessed batch. */
export function runInception(batch) {
  return inceptionModel.predict(batch);
}
