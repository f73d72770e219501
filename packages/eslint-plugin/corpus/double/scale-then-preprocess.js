// /255 and then Keras preprocessing for MobileNetV2.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const mobilenetV2 = await tf.loadLayersModel('/models/mobilenet_v2/model.json');

export function classify(img) {
  const unit = tf.browser.fromPixels(img).toFloat().div(255);
  const x = preprocessInput(unit, { mode: 'tf' }); // expect: no-double-preprocessing
  return mobilenetV2.predict(x.expandDims());
}
