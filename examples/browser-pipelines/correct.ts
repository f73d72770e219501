/// <reference lib="dom" />
/**
 * CORRECT in the browser: Keras' load_img → img_to_array → preprocess_input for VGG16, in a page.
 *
 * The page gets the file as a Blob (`input = 'blob'`) and turns off each of the browser's own
 * conversions: the EXIF segment is dropped (Chromium always rotates by it), the bitmap is made with
 * colorSpaceConversion: 'none' (no ICC colour management) and read through WebGL without
 * premultiplying alpha; then Pillow's resize and VGG16's preprocessing from @prepguard/preprocess.
 *
 * Expected verdict: pass, including on images with an EXIF orientation, an ICC profile or alpha.
 */
import type * as tf from '@tensorflow/tfjs';
import { exactPixels } from './shared/exact-pixels.js';
import { stripExif } from './shared/strip-exif.js';
import { vgg16Input } from './shared/vgg16-input.js';

export const input = 'blob';

export async function pipeline(file: Blob): Promise<tf.Tensor4D> {
  const bytes = stripExif(new Uint8Array(await file.arrayBuffer()));
  return vgg16Input(await exactPixels(new Blob([bytes])));
}

export default pipeline;
