// Image upload with preview; model is a ResNet50 v1 from Keras.
import * as tf from '@tensorflow/tfjs';

const resnetModel = await tf.loadLayersModel('https://cdn.example.org/keras-apps/resnet50/model.json');

export async function onFile(input: HTMLInputElement, img: HTMLImageElement, canvas: HTMLCanvasElement) {
  img.src = URL.createObjectURL(input.files![0]!);
  await img.decode();
  const pixels = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  await tf.browser.toPixels(pixels.div(255) as tf.Tensor3D, canvas);
  const prediction = resnetModel.predict(
    pixels
      .mul(1 / 255) // expect: no-naive-scaling
      .expandDims(0),
  ) as tf.Tensor;
  return prediction.argMax(-1).dataSync()[0];
}
