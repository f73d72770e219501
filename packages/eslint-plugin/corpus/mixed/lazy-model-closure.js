// Model loaded lazily into a module variable by one function, used by another.
import * as tf from '@tensorflow/tfjs';

let classifier = null;

export async function init() {
  classifier = await tf.loadLayersModel('/static/models/resnet50/model.json');
}

export function predict(img) {
  if (!classifier) throw new Error('call init() first');
  const x = tf.tidy('prep', () => tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat().div(255)); // expect: no-naive-scaling
  return classifier.predict(x.expandDims());
}
