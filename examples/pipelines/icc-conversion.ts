/**
 * MISTAKE icc-conversion: sharp converts an embedded ICC profile (Adobe RGB, Display P3, ...) to
 * sRGB by default; Pillow, and so Keras, ignores the profile and uses the stored values. Only
 * images with a non-sRGB profile are affected (the rest of this pipeline is Keras-exact).
 *
 * Expected verdict: fail on ICC-tagged images, diagnosis `icc-conversion`; pass elsewhere.
 */
import type * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { vgg16InputFromRaw } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const raw = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return vgg16InputFromRaw(raw);
}

export default pipeline;
