/**
 * MISTAKE resize-filter: sharp squashes like Keras (`fit: 'fill'`) but with its default lanczos3
 * kernel, while Keras' load_img resizes with Pillow's 'nearest'. Edges and textures differ; the
 * top-1 may survive (warn) while the feature statistics drift.
 *
 * Expected verdict: warn or fail, diagnosis `resize-filter`.
 */
import type * as tf from '@tensorflow/tfjs';
import { imgToArray, preprocessInput } from '@prepguard/preprocess';
import sharp from 'sharp';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const { data, info } = await sharp(image, { ignoreIcc: true })
    .removeAlpha()
    .resize(224, 224, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const img = { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data) };
  return toBatch(preprocessInput(imgToArray(img), { model: 'vgg16' }));
}

export default pipeline;
