// Two models in one file: a Keras VGG16 (caffe) and an in-house [0, 1] model with an unknown name.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');
const qualityModel = await tf.loadLayersModel('/models/q/model.json');

export function analyze(img: HTMLImageElement) {
  const pixels = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  const label = vgg16.predict(preprocessInput(pixels, { mode: 'caffe' }).expandDims());
  const quality = qualityModel.predict(pixels.div(255).expandDims());
  return { label, quality };
}
