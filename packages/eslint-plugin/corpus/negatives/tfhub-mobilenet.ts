// TF Hub image models take [0, 1] input.
import * as tf from '@tensorflow/tfjs';

const mobilenetV2 = await tf.loadGraphModel(
  'https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_130_224/classification/3/default/1',
  { fromTFHub: true },
);

export function classify(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeBilinear([224, 224], false, true).toFloat().div(255);
  return mobilenetV2.predict(x.expandDims());
}
