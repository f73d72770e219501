/**
 * MISTAKE raw-pixels: the decoded 0..255 RGB pixels go straight into the model; the call to
 * preprocess_input was forgotten (as in `tf.browser.fromPixels(img).toFloat().expandDims()`).
 *
 * Expected verdict: fail, diagnosis `raw-pixels`.
 */
import type * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return toBatch(imgToArray(img));
}

export default pipeline;
