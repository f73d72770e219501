import * as tf from '@tensorflow/tfjs';

let model: tf.LayersModel | undefined;

export async function isCat(image: HTMLImageElement): Promise<boolean> {
  model ??= await tf.loadLayersModel('/models/cats_vgg16/model.json');
  const input = tf.tidy(() =>
    tf.browser.fromPixels(image).toFloat().div(255).expandDims(0),
  );
  const score = (model.predict(input) as tf.Tensor).dataSync()[0] ?? 0;
  input.dispose();
  return score > 0.5;
}
