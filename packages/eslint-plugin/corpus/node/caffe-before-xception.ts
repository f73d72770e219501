// Reused the VGG preprocessing for an Xception model.
import * as tf from '@tensorflow/tfjs-node';
import { preprocessInput } from '@prepguard/preprocess';

const xception = await tf.loadLayersModel('file://models/xception/model.json');

export function classify(jpeg: Uint8Array) {
  const x = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([299, 299], false, true).toFloat();
  return xception.predict(preprocessInput(x, { mode: 'caffe' }).expandDims()); // expect: preprocess-mode-mismatch
}
