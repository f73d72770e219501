/**
 * MISTAKE channel-order: "Caffe models want BGR", so the channels are reversed after
 * preprocess_input, which already produced BGR: the model now gets RGB (with the means of the
 * wrong channels).
 *
 * Expected verdict: fail, diagnosis `channel-order`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  const x = toBatch(preprocessInput(imgToArray(img), { model: 'vgg16' }));
  const bgr = tf.reverse(x, -1);
  x.dispose();
  return bgr;
}

export default pipeline;
