import * as tf from '@tensorflow/tfjs-node';
import { resnet50 } from './model.js';

export function label(jpeg: Uint8Array) {
  const img = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([224, 224], false, true).toFloat();
  return resnet50.predict(img.div(255).expandDims()); // expect: no-naive-scaling
}
