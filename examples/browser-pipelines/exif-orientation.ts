/// <reference lib="dom" />
/**
 * MISTAKE exif-orientation, in the browser: createImageBitmap with every option set to 'none',
 * trusting imageOrientation: 'none' to keep the stored pixels. Chromium reads 'none' as
 * 'from-image' (the HTML spec renamed the default), so a JPEG with an EXIF orientation arrives
 * rotated; Keras/Pillow never rotates. Everything else is Keras-exact.
 *
 * Expected verdict: fail on images with an EXIF orientation, diagnosis `exif-orientation`; pass elsewhere.
 */
import type * as tf from '@tensorflow/tfjs';
import { exactPixels } from './shared/exact-pixels.js';
import { vgg16Input } from './shared/vgg16-input.js';

export const input = 'blob';

export async function pipeline(file: Blob): Promise<tf.Tensor4D> {
  return vgg16Input(await exactPixels(file, { colorSpaceConversion: 'none', imageOrientation: 'none' }));
}

export default pipeline;
