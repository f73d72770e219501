// Custom model trained with Rescaling(1/255) (settings: plant-disease -> unit): /255 is right.
import * as tf from '@tensorflow/tfjs';

const model = await tf.loadLayersModel('/models/plant-disease-v4/model.json');

export function diagnose(leaf: HTMLImageElement) {
  const x = tf.browser.fromPixels(leaf).resizeNearestNeighbor([256, 256], false, true).toFloat().div(255);
  return model.predict(x.expandDims());
}
