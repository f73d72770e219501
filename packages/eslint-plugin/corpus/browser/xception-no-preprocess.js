// Xception: forgot preprocessing entirely.
import * as tf from '@tensorflow/tfjs';

let xception;
export async function init() {
  xception = await tf.loadLayersModel('/models/xception/model.json');
}

export function run(canvas) {
  const t = tf.browser.fromPixels(canvas).resizeNearestNeighbor([299, 299], false, true).toFloat().expandDims(0);
  return xception.predict(t); // expect: preprocess-mode-mismatch
}
