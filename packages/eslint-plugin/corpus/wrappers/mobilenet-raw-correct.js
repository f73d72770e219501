// tfjs-models MobileNet takes raw pixels (or an <img>) and normalizes inside.
import * as mobilenet from '@tensorflow-models/mobilenet';
import * as tf from '@tensorflow/tfjs';

const net = await mobilenet.load({ version: 2, alpha: 1.0 });

export async function classify(img) {
  const pixels = tf.browser.fromPixels(img);
  return net.classify(pixels, 3);
}
