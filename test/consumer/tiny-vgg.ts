/**
 * A VGG-shaped model small enough for a test: Keras layer names (`block5_pool`, `predictions`) on a
 * 32×32 input, seeded weights, saved in TF.js layers format. It stands in for the README's
 * `models/vgg16/model.json`; the checks only need a model with that layer, not VGG16's size.
 */
import * as tf from '@tensorflow/tfjs';
import { fileSystemSaver } from '../../packages/harness/src/model/io.js';

export const INPUT_SIZE = 32;

export async function saveTinyVgg(dir: string): Promise<void> {
  const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
  const model = tf.sequential({ name: 'tiny_vgg' });
  model.add(tf.layers.conv2d({ inputShape: [INPUT_SIZE, INPUT_SIZE, 3], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'block1_conv1', kernelInitializer: seeded(11) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 4, name: 'block5_pool' }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', name: 'predictions', kernelInitializer: seeded(12) }));
  await model.save(fileSystemSaver(dir));
  model.dispose();
}
