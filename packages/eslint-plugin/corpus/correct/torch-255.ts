// torch mode with the means/stds scaled by 255, for DenseNet201.
import * as tf from '@tensorflow/tfjs';

const densenet201 = await tf.loadLayersModel('/models/densenet201/model.json');

export function classify(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  const normalized = x.sub([123.675, 116.28, 103.53]).div([58.395, 57.12, 57.375]);
  return densenet201.predict(normalized.expandDims());
}
