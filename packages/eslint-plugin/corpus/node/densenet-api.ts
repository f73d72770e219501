// Fastify route using DenseNet121 (Keras torch mode).
import * as tf from '@tensorflow/tfjs-node';

const densenet = await tf.loadLayersModel('file://models/densenet121/model.json');

export async function predictDisease(jpeg: Uint8Array) {
  const scores = tf.tidy(() => {
    const img = tf.node.decodeJpeg(jpeg, 3, 1, true, false, 1, 'INTEGER_ACCURATE').resizeNearestNeighbor([224, 224], false, true).toFloat();
    const scaled = img.div(255.0); // expect: no-naive-scaling
    return densenet.predict(scaled.expandDims(0)) as tf.Tensor;
  });
  return Array.from(await scores.data());
}
