/**
 * MISTAKE resize-crop: `sharp(buf).resize(224, 224)` keeps the aspect ratio and centre-crops
 * (sharp's default `fit: 'cover'`), while Keras' load_img squashes the whole image to 224x224.
 * The nearest kernel and the ignored ICC profile match Keras, so cropping is the only difference;
 * on nearly square images the top-1 often survives (warn), on wide or tall ones it does not.
 *
 * Expected verdict: fail or warn, diagnosis `resize-crop`.
 */
import type * as tf from '@tensorflow/tfjs';
import { imgToArray, preprocessInput } from '@prepguard/preprocess';
import sharp from 'sharp';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const { data, info } = await sharp(image, { ignoreIcc: true })
    .removeAlpha()
    .resize(224, 224, { kernel: 'nearest' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const img = { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data) };
  return toBatch(preprocessInput(imgToArray(img), { model: 'vgg16' }));
}

export default pipeline;
