// A layers model named "mobilenet" from an unnamed URL: ambiguous, so no report.
import * as tf from '@tensorflow/tfjs';

export async function run(url, img) {
  const mobilenet = await tf.loadLayersModel(url);
  return mobilenet.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());
}
