// Raw pixels straight into ResNet50 - no preprocessing at all.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';

const resnet50 = await tf.loadLayersModel('file://models/resnet50/model.json');

export async function tag(file: string) {
  const data = await sharp(file, { ignoreIcc: true }).resize(224, 224, { fit: 'fill', kernel: 'nearest' }).raw().toBuffer();
  const x = tf.tensor4d(data, [1, 224, 224, 3], 'float32');
  return resnet50.predict(x); // expect: preprocess-mode-mismatch
}
