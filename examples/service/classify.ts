/**
 * GET /classify?file=...: the correct way, Keras' VGG16 preprocessing via @prepguard/preprocess.
 * `prepguard audit` reports nothing here.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { loadVgg16 } from './model.js';

export async function classify(file: string): Promise<number> {
  const vgg16 = await loadVgg16();
  const x = preprocessInput(imgToArray(await loadImg(file, { targetSize: [224, 224] })), { model: 'vgg16' });
  const input = tf.tensor4d(x.data, [1, 224, 224, 3]);
  const probabilities = vgg16.predict(input) as tf.Tensor;
  const [best] = Array.from(await probabilities.argMax(-1).data());
  tf.dispose([input, probabilities]);
  return best ?? -1;
}
