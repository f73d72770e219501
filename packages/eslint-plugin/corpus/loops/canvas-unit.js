// Canvas -> Float32Array in [0, 1], RGBA to RGB, then VGG16.
import * as tf from '@tensorflow/tfjs';

export async function classify(canvas) {
  const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');
  const ctx = canvas.getContext('2d');
  const { data } = ctx.getImageData(0, 0, 224, 224);
  const input = new Float32Array(224 * 224 * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    input[j] = data[i] / 255; // expect: no-naive-scaling
    input[j + 1] = data[i + 1] / 255;
    input[j + 2] = data[i + 2] / 255;
  }
  return vgg16.predict(tf.tensor4d(input, [1, 224, 224, 3]));
}
