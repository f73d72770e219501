// Forgot the "- 1" of tf mode: input in [0, 2].
import * as tf from '@tensorflow/tfjs';

const inceptionV3 = await tf.loadLayersModel('/models/inception_v3/model.json');

export function classify(img) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([299, 299], false, true).toFloat();
  return inceptionV3.predict(x.div(127.5).expandDims()); // expect: preprocess-mode-mismatch
}
