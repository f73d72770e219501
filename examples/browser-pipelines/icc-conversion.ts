/// <reference lib="dom" />
/**
 * MISTAKE icc-conversion, in the browser: createImageBitmap(blob) with the default
 * colorSpaceConversion colour-manages an embedded ICC profile (Adobe RGB, Display P3, ...) into
 * sRGB; Keras/Pillow uses the stored values. The EXIF segment is dropped and alpha is read without
 * premultiplying, so the profile is the only difference.
 *
 * Expected verdict: fail on images with a non-sRGB profile, diagnosis `icc-conversion`; pass elsewhere.
 */
import type * as tf from '@tensorflow/tfjs';
import { exactPixels } from './shared/exact-pixels.js';
import { stripExif } from './shared/strip-exif.js';
import { vgg16Input } from './shared/vgg16-input.js';

export const input = 'blob';

export async function pipeline(file: Blob): Promise<tf.Tensor4D> {
  const bytes = stripExif(new Uint8Array(await file.arrayBuffer()));
  return vgg16Input(await exactPixels(new Blob([bytes]), { colorSpaceConversion: 'default' }));
}

export default pipeline;
