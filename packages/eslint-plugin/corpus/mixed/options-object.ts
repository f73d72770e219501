// Scale factor from an options object filled at runtime: the engine cannot see the 255.
import * as tf from '@tensorflow/tfjs';

interface PrepOptions { scale: number }
const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement, options: PrepOptions = { scale: 255 }) {
  const x = tf.browser.fromPixels(img).toFloat().div(options.scale); // expect: no-naive-scaling
  return vgg16.predict(x.expandDims());
}
