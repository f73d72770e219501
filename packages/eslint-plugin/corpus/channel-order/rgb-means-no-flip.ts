// ImageNet means in RGB order, no flip, for ResNet101.
import * as tf from '@tensorflow/tfjs-node';

const resnet101 = await tf.loadLayersModel('file://models/resnet101/model.json');

export function classify(jpeg: Uint8Array) {
  const x = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([224, 224], false, true).toFloat();
  const centred = tf.sub(x, tf.tensor1d([123.68, 116.779, 103.939])); // expect: bgr-channel-order
  return resnet101.predict(centred.expandDims());
}
