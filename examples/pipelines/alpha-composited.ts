/**
 * MISTAKE alpha-composited: transparent pixels are flattened onto a white background; Keras'
 * load_img (Pillow `convert('RGB')`) drops the alpha channel and keeps the colour stored under
 * it. Only images with transparency are affected.
 *
 * Expected verdict: fail on images with alpha, diagnosis `alpha-composited`; pass elsewhere.
 */
import type * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { vgg16InputFromRaw } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const raw = await sharp(image, { ignoreIcc: true })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return vgg16InputFromRaw(raw);
}

export default pipeline;
