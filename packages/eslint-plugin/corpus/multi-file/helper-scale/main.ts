import * as tf from '@tensorflow/tfjs';
import { toInput } from './preprocess.js';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement) {
  return vgg16.predict(toInput(img)); // expect: no-naive-scaling
}
