/**
 * MISTAKE exif-orientation: `.rotate()` with no angle turns the image upright from its EXIF
 * orientation tag, which is what a photo viewer shows; Keras' load_img never does, so a model
 * trained with Keras saw the stored (sideways) pixels. Only EXIF-rotated images are affected.
 *
 * Expected verdict: fail on EXIF-rotated images, diagnosis `exif-orientation`; pass elsewhere.
 */
import type * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { vgg16InputFromRaw } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const raw = await sharp(image, { ignoreIcc: true }).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return vgg16InputFromRaw(raw);
}

export default pipeline;
