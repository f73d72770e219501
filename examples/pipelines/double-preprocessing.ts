/**
 * MISTAKE double-preprocessing: a helper already returns the preprocessed batch, and the request
 * handler preprocesses it again "to be safe". The channels flip back to RGB and the means are
 * subtracted twice.
 *
 * Expected verdict: fail, diagnosis `double-preprocessing`.
 */
import type * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

async function loadForVgg16(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return toBatch(preprocessInput(imgToArray(img), { model: 'vgg16' }));
}

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const batch = await loadForVgg16(image);
  const input = preprocessInput(batch, { model: 'vgg16' });
  batch.dispose();
  return input;
}

export default pipeline;
