import * as tf from '@tensorflow/tfjs';
import { kerasCaffe, loadPixels } from './transforms.js';

const vgg19 = await tf.loadLayersModel('/models/vgg19/model.json');

export function classify(img: HTMLImageElement) {
  return vgg19.predict(kerasCaffe(loadPixels(img)).expandDims());
}
