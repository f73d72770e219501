// Writes a thumbnail and classifies the photo with MobileNetV2 (Keras, tf mode).
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
import { preprocessInput } from '@prepguard/preprocess';

const mobilenetV2 = await tf.loadLayersModel('file://models/mobilenet_v2/model.json');

export async function handle(photo: Buffer) {
  await sharp(photo).resize(128, 128).jpeg().toFile('thumb.jpg');
  const pixels = await sharp(photo, { ignoreIcc: true }).resize(224, 224, { fit: 'fill', kernel: 'nearest' }).raw().toBuffer();
  const x = preprocessInput(tf.tensor4d(pixels, [1, 224, 224, 3]).toFloat(), { mode: 'tf' });
  return mobilenetV2.predict(x);
}
