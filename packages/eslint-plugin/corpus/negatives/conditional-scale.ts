// Which preprocessing runs depends on a runtime flag: the linter cannot know.
import * as tf from '@tensorflow/tfjs';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement, legacy: boolean) {
  let x = tf.browser.fromPixels(img).toFloat();
  if (legacy) {
    x = x.div(255);
  }
  return vgg16.predict(x.expandDims());
}
