// Offline job: extract VGG16 conv-base features for a folder of images.
import * as tf from '@tensorflow/tfjs-node';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const convBase = await tf.loadLayersModel('file://./models/vgg16_notop/model.json');

export async function extract(dir) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.jpg'));
  const images = await Promise.all(
    files.map(async (f) => tf.node.decodeImage(await readFile(path.join(dir, f)), 3).resizeNearestNeighbor([150, 150], false, true)),
  );
  const batch = tf.stack(images).toFloat().div(tf.scalar(255)); // expect: no-naive-scaling
  const features = convBase.predict(batch);
  return features.arraySync();
}
