// Canvas -> BGR minus ImageNet means, exactly Keras caffe, for ResNet50.
import * as tf from '@tensorflow/tfjs';

export async function classify(canvas) {
  const resnet50 = await tf.loadLayersModel('/models/resnet50/model.json');
  const { data } = canvas.getContext('2d').getImageData(0, 0, 224, 224);
  const input = new Float32Array(224 * 224 * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    input[j] = data[i + 2] - 103.939;
    input[j + 1] = data[i + 1] - 116.779;
    input[j + 2] = data[i] - 123.68;
  }
  return resnet50.predict(tf.tensor4d(input, [1, 224, 224, 3]));
}
