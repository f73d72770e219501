/**
 * Pipelines written the way users write them (sharp, tfjs ops, @prepguard/preprocess), one per
 * mistake, to check that the diagnosis names each mistake from its output alone.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import sharp from 'sharp';
import type { Pipeline } from '../../src/pipeline/types.js';
import { SIZE } from './fixtures.js';

const MEAN_BGR = [103.939, 116.779, 123.68];

/** Keras-exact pixels (load_img) as a float tensor [H, W, 3]. */
async function kerasPixels(bytes: Uint8Array): Promise<tf.Tensor3D> {
  const img = await loadImg(bytes, { targetSize: [SIZE, SIZE] });
  return tf.tensor3d(Float32Array.from(img.data), [SIZE, SIZE, 3]);
}

async function sharpPixels(s: sharp.Sharp): Promise<tf.Tensor3D> {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return tf.tensor3d(Float32Array.from(data), [info.height, info.width, info.channels]);
}

function caffe(x: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => tf.reverse(x, -1).sub(tf.tensor1d(MEAN_BGR)));
}

/** Runs `fn` on the pixels inside tf.tidy and frees them: these pipelines must not leak tensors. */
async function transform(pixels: Promise<tf.Tensor3D>, fn: (x: tf.Tensor3D) => tf.Tensor): Promise<tf.Tensor> {
  const x = await pixels;
  try {
    return tf.tidy(() => fn(x));
  } finally {
    x.dispose();
  }
}

export const correct: Pipeline = async (bytes) => {
  const img = await loadImg(bytes, { targetSize: [SIZE, SIZE] });
  return preprocessInput(imgToArray(img), { mode: 'caffe' });
};

export const unitScaling: Pipeline = (bytes) => transform(kerasPixels(bytes), (x) => x.div(255));

export const symmetricScaling: Pipeline = (bytes) => transform(kerasPixels(bytes), (x) => x.div(127.5).sub(1));

export const torchNormalization: Pipeline = (bytes) =>
  transform(kerasPixels(bytes), (x) => x.div(255).sub(tf.tensor1d([0.485, 0.456, 0.406])).div(tf.tensor1d([0.229, 0.224, 0.225])));

export const rawPixels: Pipeline = (bytes) => kerasPixels(bytes);

export const caffeWithoutBgr: Pipeline = (bytes) => transform(kerasPixels(bytes), (x) => x.sub(tf.tensor1d(MEAN_BGR)));

/** Flips to BGR but subtracts the means in RGB order (as they are usually quoted). */
export const channelOrder: Pipeline = (bytes) => transform(kerasPixels(bytes), (x) => tf.reverse(x, -1).sub(tf.tensor1d([...MEAN_BGR].reverse())));

export const doublePreprocessing: Pipeline = async (bytes) => {
  const img = await loadImg(bytes, { targetSize: [SIZE, SIZE] });
  const once = preprocessInput(imgToArray(img), { mode: 'caffe' });
  return preprocessInput(once, { mode: 'caffe' });
};

export const scaledThenMean: Pipeline = (bytes) => transform(kerasPixels(bytes), (x) => caffe(x.div(127.5).sub(1) as tf.Tensor3D));

/** sharp's defaults: fit 'cover' (centre crop) with lanczos3. */
export const resizeCrop: Pipeline = (bytes) => transform(sharpPixels(sharp(bytes, { ignoreIcc: true }).resize(SIZE, SIZE)), caffe);

/** Squashes like Keras but with sharp's lanczos3 instead of Pillow nearest. */
export const resizeFilter: Pipeline = (bytes) => transform(sharpPixels(sharp(bytes, { ignoreIcc: true }).resize(SIZE, SIZE, { fit: 'fill' })), caffe);

/** tf.image.resizeBilinear on the Keras-decoded full image. */
export const tfBilinear: Pipeline = async (bytes) => {
  const img = await loadImg(bytes);
  return tf.tidy(() => {
    const full = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 3]);
    return caffe(tf.image.resizeBilinear(full, [SIZE, SIZE]));
  });
};

/** Decodes with sharp's default (applies the ICC profile), then resizes exactly like Keras. */
export const iccConversion: Pipeline = async (bytes) => {
  const png = await sharp(bytes).removeAlpha().png().toBuffer();
  const img = await loadImg(png, { targetSize: [SIZE, SIZE] });
  return preprocessInput(imgToArray(img), { mode: 'caffe' });
};

/** Auto-orients with sharp's .rotate(), then resizes exactly like Keras. */
export const exifOrientation: Pipeline = async (bytes) => {
  const png = await sharp(bytes, { ignoreIcc: true }).rotate().png().toBuffer();
  const img = await loadImg(png, { targetSize: [SIZE, SIZE] });
  return preprocessInput(imgToArray(img), { mode: 'caffe' });
};

/** Flattens alpha onto white, then resizes exactly like Keras. */
export const alphaComposited: Pipeline = async (bytes) => {
  const png = await sharp(bytes, { ignoreIcc: true }).flatten({ background: '#ffffff' }).png().toBuffer();
  const img = await loadImg(png, { targetSize: [SIZE, SIZE] });
  return preprocessInput(imgToArray(img), { mode: 'caffe' });
};

/** Keras-exact values, transposed to [C, H, W]. */
export const layout: Pipeline = async (bytes) => {
  const img = await loadImg(bytes, { targetSize: [SIZE, SIZE] });
  const x = preprocessInput(imgToArray(img), { mode: 'caffe' });
  return tf.tidy(() => tf.tensor3d(x.data, [SIZE, SIZE, 3]).transpose([2, 0, 1]));
};

/** A combination: sharp's default resize (crop + lanczos3) and /255. */
export const cropAndUnitScaling: Pipeline = (bytes) => transform(sharpPixels(sharp(bytes, { ignoreIcc: true }).resize(SIZE, SIZE)), (x) => x.div(255));
