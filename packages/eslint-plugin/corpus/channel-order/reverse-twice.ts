// RGB->BGR by hand and then preprocessInput caffe, which flips again.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const resnet50 = await tf.loadLayersModel('/models/resnet50/model.json');

export function classify(img: HTMLImageElement) {
  const bgr = tf.browser.fromPixels(img).toFloat().reverse(-1);
  return resnet50.predict(preprocessInput(bgr, { mode: 'caffe' }).expandDims()); // expect: bgr-channel-order
}
