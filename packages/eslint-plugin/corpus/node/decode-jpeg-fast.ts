// decodeJpeg with TensorFlow's default (fast) IDCT and a bilinear resize for a nearest-trained ResNet50.
import * as tf from '@tensorflow/tfjs-node';
import { preprocessInput } from '@prepguard/preprocess';

const resnet50 = await tf.loadLayersModel('file://models/resnet50/model.json');

export function classify(jpeg: Uint8Array) {
  const image = tf.node.decodeJpeg(jpeg, 3); // expect: keras-compatible-resize
  const resized = tf.image.resizeBilinear(image, [224, 224], false, true); // expect: keras-compatible-resize
  return resnet50.predict(preprocessInput(resized.toFloat(), { mode: 'caffe' }).expandDims());
}
