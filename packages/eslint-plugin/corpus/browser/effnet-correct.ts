// EfficientNetB0 has Rescaling + Normalization inside: feed raw pixels.
import * as tf from '@tensorflow/tfjs';

const effnet = await tf.loadLayersModel('/models/efficientnetb0/model.json');

export function classify(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  return effnet.predict(x.expandDims(0));
}
