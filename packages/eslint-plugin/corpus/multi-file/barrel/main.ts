import * as tf from '@tensorflow/tfjs';
import { toSymmetric } from './index.js';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement) {
  const x = toSymmetric(tf.browser.fromPixels(img)); // expect: preprocess-mode-mismatch
  return vgg16.predict(x.expandDims());
}
