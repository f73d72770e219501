// Phone photos: auto-orient before VGG19 (Keras never rotates).
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
import { preprocessInput } from '@prepguard/preprocess';

const vgg19 = await tf.loadLayersModel('file://models/vgg19/model.json');

export async function score(photo: Buffer) {
  const pixels = await sharp(photo, { ignoreIcc: true })
    .rotate() // expect: keras-compatible-resize
    .resize(224, 224, { fit: 'fill', kernel: 'nearest' })
    .raw()
    .toBuffer();
  return vgg19.predict(preprocessInput(tf.tensor4d(pixels, [1, 224, 224, 3]), { mode: 'caffe' }));
}
