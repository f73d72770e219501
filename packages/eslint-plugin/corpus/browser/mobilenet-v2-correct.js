// Keras MobileNetV2 in the browser, tf-mode preprocessing done right.
import * as tf from '@tensorflow/tfjs';

const model = await tf.loadLayersModel('./models/mobilenet_v2_1.0_224/model.json');

export function classify(imageElement) {
  return tf.tidy(() => {
    const x = tf.browser.fromPixels(imageElement).resizeNearestNeighbor([224, 224], false, true).toFloat();
    const scaled = x.sub(127.5).div(127.5);
    return model.predict(scaled.expandDims());
  });
}
