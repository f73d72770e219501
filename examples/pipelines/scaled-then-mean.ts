/**
 * MISTAKE scaled-then-mean: pixels first normalized to [-1, 1], then passed to VGG16's
 * preprocess_input, which flips to BGR and subtracts means meant for 0..255 pixels: every
 * value ends up around -100.
 *
 * Expected verdict: fail, diagnosis `scaled-then-mean`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  const scaled = tf.tidy(() => toBatch(imgToArray(img)).div(127.5).sub(1));
  const x = preprocessInput(scaled, { model: 'vgg16' });
  scaled.dispose();
  return x as tf.Tensor4D;
}

export default pipeline;
