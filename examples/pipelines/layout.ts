/**
 * MISTAKE layout: the tensor is transposed to channels-first [1, 3, 224, 224], the PyTorch/ONNX
 * convention; Keras models built channels-last expect [1, 224, 224, 3].
 *
 * Expected verdict: fail, diagnosis `layout`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  const x = toBatch(preprocessInput(imgToArray(img), { model: 'vgg16' }));
  const chw = tf.transpose(x, [0, 3, 1, 2]);
  x.dispose();
  return chw;
}

export default pipeline;
