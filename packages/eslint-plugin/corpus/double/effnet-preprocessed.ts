// EfficientNetV2 has Rescaling/Normalization inside; preprocessInput before it doubles the work.
import * as tf from '@tensorflow/tfjs-node';
import { preprocessInput } from '@prepguard/preprocess';

const efficientnetV2 = await tf.loadLayersModel('file://models/efficientnetv2-s/model.json');

export function classify(jpeg: Uint8Array) {
  const x = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([384, 384], false, true).toFloat();
  return efficientnetV2.predict(preprocessInput(x, { mode: 'tf' }).expandDims()); // expect: no-double-preprocessing
}
