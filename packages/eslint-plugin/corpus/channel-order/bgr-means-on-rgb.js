// The Keras means copied in BGR order, applied to an RGB tensor without flipping.
import * as tf from '@tensorflow/tfjs';

const MEAN_BGR = [103.939, 116.779, 123.68];
const vgg19 = await tf.loadLayersModel('/models/vgg19/model.json');

export function classify(img) {
  const x = tf.browser.fromPixels(img).toFloat();
  return vgg19.predict(x.sub(MEAN_BGR).expandDims()); // expect: bgr-channel-order
}
