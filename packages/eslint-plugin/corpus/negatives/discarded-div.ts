// A discarded div(255): tensors are immutable, so the model gets the preprocessInput result.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  x.div(255);
  return vgg16.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());
}
