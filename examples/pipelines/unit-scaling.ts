/**
 * MISTAKE unit-scaling: pixels divided by 255, the habit from models trained on [0, 1] inputs.
 * VGG16 was trained on Caffe-style inputs (BGR, ImageNet means subtracted, no scaling), so it
 * sees an almost black, wrongly ordered image.
 *
 * Expected verdict: fail, diagnosis `unit-scaling`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  const pixels = toBatch(imgToArray(img));
  const normalized = tf.div(pixels, 255) as tf.Tensor4D;
  pixels.dispose();
  return normalized;
}

export default pipeline;
