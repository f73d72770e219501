// Xception with Keras tf-mode preprocessing written by hand.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';

const xception = await tf.loadLayersModel('file://models/xception/model.json');

export async function embed(file: string) {
  const raw = await sharp(file, { ignoreIcc: true }).resize({ width: 299, height: 299, fit: 'fill', kernel: 'nearest' }).raw().toBuffer();
  const input = tf.tensor4d(raw, [1, 299, 299, 3]).toFloat().div(127.5).sub(1);
  return xception.predict(input);
}
