// An in-house model with no known family: nothing to compare against.
import * as tf from '@tensorflow/tfjs';

const model = await tf.loadLayersModel('/models/model.json');

export function predict(img: HTMLImageElement) {
  return model.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());
}
