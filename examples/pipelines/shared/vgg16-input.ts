/**
 * The shared tail of the example pipelines: Keras-exact resize, `img_to_array` and VGG16's
 * `preprocess_input` on pixels some other code decoded. The decode-stage examples
 * (icc-conversion, exif-orientation, alpha-composited) decode with sharp and hand the raw
 * pixels here, so the only difference from Keras is the decoding mistake they demonstrate.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, preprocessInput, resizeImage, type PixelArray } from '@prepguard/preprocess';
import type { OutputInfo } from 'sharp';

export const TARGET_SIZE = [224, 224] as const;

/** Raw 8-bit RGB pixels from `sharp(...).raw().toBuffer({ resolveWithObject: true })`. */
export function vgg16InputFromRaw(raw: { data: Buffer; info: OutputInfo }): tf.Tensor4D {
  const { width, height, channels } = raw.info;
  if (channels !== 3) throw new Error(`expected 3 channels from sharp, got ${channels}`);
  const img = { mode: 'RGB' as const, width, height, channels, data: new Uint8Array(raw.data) };
  const resized = resizeImage(img, TARGET_SIZE, 'nearest');
  return toBatch(preprocessInput(imgToArray(resized), { model: 'vgg16' }));
}

/** A [H, W, C] pixel array as a [1, H, W, C] float32 tensor. */
export function toBatch(x: PixelArray): tf.Tensor4D {
  const [height, width, channels] = x.shape as [number, number, number];
  return tf.tensor4d(x.data, [1, height, width, channels], 'float32');
}
