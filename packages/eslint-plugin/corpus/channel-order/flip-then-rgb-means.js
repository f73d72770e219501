// Flipped to BGR first, then the means in RGB order.
import * as tf from '@tensorflow/tfjs';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img) {
  const bgr = tf.reverse(tf.browser.fromPixels(img).toFloat(), -1);
  return vgg16.predict(bgr.sub([123.68, 116.779, 103.939]).expandDims()); // expect: bgr-channel-order
}
