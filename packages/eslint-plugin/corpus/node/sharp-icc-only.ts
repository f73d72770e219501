// Everything Keras-like except the embedded colour profile.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
import { preprocessInput } from '@prepguard/preprocess';

const xception = await tf.loadLayersModel('file://models/xception/model.json');

export async function classify(file: string) {
  const raw = await sharp(file).resize(299, 299, { fit: 'fill', kernel: 'nearest' }).raw().toBuffer(); // expect: keras-compatible-resize
  return xception.predict(preprocessInput(tf.tensor4d(raw, [1, 299, 299, 3]).toFloat(), { mode: 'tf' }));
}
