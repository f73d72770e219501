// Per-channel means with unstack/stack, but kept in RGB order.
import * as tf from '@tensorflow/tfjs';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement) {
  const [r, g, b] = tf.unstack(tf.browser.fromPixels(img).toFloat(), 2);
  const x = tf.stack([r.sub(123.68), g.sub(116.779), b.sub(103.939)], 2); // expect: bgr-channel-order
  return vgg16.predict(x.expandDims());
}
