/**
 * MISTAKE caffe-without-bgr: the ImageNet means were copied from Keras' source
 * ([103.939, 116.779, 123.68]) and subtracted from the RGB pixels, but Keras subtracts them
 * *after* flipping RGB to BGR. Red gets the blue mean and blue the red one.
 *
 * Expected verdict: fail, diagnosis `caffe-without-bgr`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

const VGG_MEANS = [103.939, 116.779, 123.68];

export async function pipeline(image: Uint8Array): Promise<tf.Tensor> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return tf.tidy(() => toBatch(imgToArray(img)).sub(VGG_MEANS));
}

export default pipeline;
