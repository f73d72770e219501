// Scaling before tfjs-models MobileNet: the wrapper scales again.
import * as tf from '@tensorflow/tfjs';
import { load } from '@tensorflow-models/mobilenet';

const classifier = await load();

export async function top3(img: HTMLImageElement) {
  const input = tf.browser.fromPixels(img).toFloat().div(255); // expect: no-naive-scaling
  return classifier.classify(input as tf.Tensor3D, 3);
}
