// Same custom [0, 1] model fed raw pixels: missing preprocessing.
import * as tf from '@tensorflow/tfjs';

const plantModel = await tf.loadLayersModel('/models/plant-disease-v4/model.json');

export function diagnose(leaf) {
  const x = tf.browser.fromPixels(leaf).resizeNearestNeighbor([256, 256], false, true).toFloat();
  return plantModel.predict(x.expandDims()); // expect: preprocess-mode-mismatch
}
