/**
 * POST /classify: classifies an uploaded photo with VGG16.
 *
 * MISTAKES (found by `prepguard audit`): pixels divided by 255 before a caffe-mode model
 * (no-naive-scaling), and sharp's default resize, which centre-crops (keras-compatible-resize).
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';

const vgg16 = await tf.loadLayersModel('https://models.example.com/vgg16/model.json');

export async function classifyUpload(upload: Uint8Array): Promise<number[]> {
  const { data, info } = await sharp(upload).resize(224, 224).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const input = tf.tidy(() => tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3]).toFloat().div(255).expandDims(0));
  const probabilities = vgg16.predict(input) as tf.Tensor;
  const scores = Array.from(await probabilities.data());
  tf.dispose([input, probabilities]);
  return scores;
}
