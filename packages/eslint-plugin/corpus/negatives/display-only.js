// Scaled copy for display, Keras preprocessing for the model.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const resnet50 = await tf.loadLayersModel('/models/resnet50/model.json');

export async function show(img, canvas) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  await tf.browser.toPixels(x.div(255), canvas);
  return resnet50.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());
}
