// EfficientNet fed [0, 1] input: the built-in Rescaling divides by 255 again.
import * as tf from '@tensorflow/tfjs';

const efficientNetB3 = await tf.loadLayersModel('/models/efficientnet_b3/model.json');

export function classify(img) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([300, 300], false, true).toFloat();
  return efficientNetB3.predict(x.div(255).expandDims(0)); // expect: no-naive-scaling
}
