// Fine-tuned VGG exported as "catdog-caffe" (settings: caffe); /255 is the classic bug.
import * as tf from '@tensorflow/tfjs-node';

const catdog = await tf.loadLayersModel('file://models/catdog-caffe/model.json');

export function predict(jpeg: Uint8Array) {
  const img = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([224, 224], false, true).toFloat();
  return catdog.predict(img.mul(0.00392156862745098).expandDims()); // expect: no-naive-scaling
}
