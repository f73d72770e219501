/**
 * MISTAKE symmetric-scaling: pixels scaled to [-1, 1] (x / 127.5 - 1), which is Keras' 'tf' mode
 * for MobileNet/Inception. Copied from a MobileNet service into a VGG16 one.
 *
 * Expected verdict: fail, diagnosis `symmetric-scaling`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return tf.tidy(() => toBatch(imgToArray(img)).div(127.5).sub(1));
}

export default pipeline;
