/**
 * Nightly batch job: tags archived photos with VGG16.
 *
 * MISTAKE (found by `prepguard audit`): the images are preprocessed twice, once by the loader
 * and again before predict (no-double-preprocessing).
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { loadVgg16 } from './model.js';

async function loadBatch(files: string[]): Promise<tf.Tensor4D> {
  const arrays = await Promise.all(
    files.map(async (file) => preprocessInput(imgToArray(await loadImg(file, { targetSize: [224, 224] })), { model: 'vgg16' })),
  );
  return tf.stack(arrays.map((x) => tf.tensor3d(x.data, [224, 224, 3]))) as tf.Tensor4D;
}

export async function tagArchive(files: string[]): Promise<number[]> {
  const vgg16 = await loadVgg16();
  const batch = await loadBatch(files);
  const input = preprocessInput(batch, { model: 'vgg16' });
  const predictions = vgg16.predict(input) as tf.Tensor2D;
  const classes = Array.from(await predictions.argMax(-1).data());
  tf.dispose([batch, input, predictions]);
  return classes;
}
