import * as tf from '@tensorflow/tfjs';

const FLOWERS = ['daisy', 'dandelion', 'roses', 'sunflowers', 'tulips'];

export async function predictFlower(image: HTMLImageElement): Promise<string> {
  const model = await tf.loadLayersModel('models/flowers_cnn/model.json');
  const input = tf.browser.fromPixels(image).toFloat().div(255).expandDims(0);
  const scores = (model.predict(input) as tf.Tensor).dataSync();
  return FLOWERS[scores.indexOf(Math.max(...scores))] ?? 'unknown';
}
