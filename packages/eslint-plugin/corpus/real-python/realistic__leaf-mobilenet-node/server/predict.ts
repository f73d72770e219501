import * as tf from '@tensorflow/tfjs';

const LABELS = ['healthy', 'rust', 'scab', 'blight'];

export async function diagnoseLeaf(image: ImageData): Promise<string> {
  const model = await tf.loadLayersModel('file://./models/leaf_mobilenet/model.json');
  const input = tf.browser.fromPixels(image).toFloat().div(127.5).sub(1).expandDims(0);
  const scores = (model.predict(input) as tf.Tensor).dataSync();
  return LABELS[scores.indexOf(Math.max(...scores))] ?? 'unknown';
}
