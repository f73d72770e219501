// VGG16 with the ImageNet means in RGB order and no BGR flip.
import * as tf from '@tensorflow/tfjs';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(pixels: Uint8ClampedArray) {
  const input = new Float32Array(224 * 224 * 3);
  for (let p = 0, q = 0; p < pixels.length; p += 4, q += 3) {
    input[q] = pixels[p]! - 123.68; // expect: bgr-channel-order
    input[q + 1] = pixels[p + 1]! - 116.779;
    input[q + 2] = pixels[p + 2]! - 103.939;
  }
  return vgg16.predict(tf.tensor4d(input, [1, 224, 224, 3]));
}
