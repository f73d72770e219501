// sharp raw -> Float32Array.from with a scaling callback -> ResNet101.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';

const resnet101 = await tf.loadLayersModel('file://models/resnet101/model.json');

export async function run(file: string) {
  const { data, info } = await sharp(file, { ignoreIcc: true })
    .resize(224, 224, { fit: 'fill', kernel: 'nearest' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const floats = Float32Array.from(data, (v) => v / 255); // expect: no-naive-scaling
  return resnet101.predict(tf.tensor4d(floats, [1, info.height, info.width, info.channels]));
}
