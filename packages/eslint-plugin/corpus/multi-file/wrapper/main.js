import * as tf from '@tensorflow/tfjs';
import { runInception } from './inference.js';

export function classify(img) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([299, 299], false, true).toFloat();
  return runInception(x.div(255).expandDims()); // expect: no-naive-scaling
}
