// The article's correct version: Keras preprocess_input (caffe) through @prepguard/preprocess.
import * as tf from '@tensorflow/tfjs-node';
import { preprocessInput } from '@prepguard/preprocess';

const vgg16 = await tf.loadLayersModel('file://models/vgg16/model.json');

export function classify(jpeg: Uint8Array) {
  const image = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([224, 224], false, true).toFloat();
  return vgg16.predict(preprocessInput(image, { mode: 'caffe' }).expandDims(0));
}
