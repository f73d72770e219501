// Web worker: pixels arrive as ImageData in a message.
import * as tf from '@tensorflow/tfjs';

let xception;

self.onmessage = async (event) => {
  xception ??= await tf.loadLayersModel('/models/xception/model.json');
  const { imageData } = event.data;
  const input = tf.browser.fromPixels(imageData).resizeNearestNeighbor([299, 299], false, true).toFloat();
  const out = xception.predict(input.div(255).expandDims()); // expect: no-naive-scaling
  self.postMessage(await out.data());
};
