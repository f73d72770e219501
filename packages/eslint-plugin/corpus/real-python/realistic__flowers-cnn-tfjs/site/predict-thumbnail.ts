import * as tf from '@tensorflow/tfjs';

export async function flowerScores(canvas: HTMLCanvasElement): Promise<Float32Array> {
  const model = await tf.loadLayersModel('models/flowers_cnn/model.json');
  const pixels = tf.browser.fromPixels(canvas).toFloat();
  const batch = pixels.expandDims(0);
  return (model.predict(batch) as tf.Tensor).dataSync() as Float32Array;
}
