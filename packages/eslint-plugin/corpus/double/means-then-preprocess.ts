// Manual mean subtraction followed by preprocessInput for VGG16.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement) {
  const centred = tf.browser.fromPixels(img).toFloat().sub([123.68, 116.779, 103.939]);
  const x = preprocessInput(centred, { mode: 'caffe' }); // expect: no-double-preprocessing
  return vgg16.predict(x.expandDims());
}
