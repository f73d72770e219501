// sharp with all its defaults ahead of VGG16: crop, lanczos3 and ICC conversion.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
import { preprocessInput } from '@prepguard/preprocess';

const vgg16 = await tf.loadLayersModel('file://models/vgg16/model.json');

export async function classify(file) {
  const pixels = await sharp(file) // expect: keras-compatible-resize
    .resize(224, 224) // expect: keras-compatible-resize
    .removeAlpha()
    .raw()
    .toBuffer();
  const x = preprocessInput(tf.tensor3d(pixels, [224, 224, 3]).toFloat(), { mode: 'caffe' });
  return vgg16.predict(x.expandDims());
}
