// DenseNet121 with Keras torch preprocessing by hand.
import * as tf from '@tensorflow/tfjs';

const MEAN = tf.tensor1d([0.485, 0.456, 0.406]);
const STD = tf.tensor1d([0.229, 0.224, 0.225]);
const densenet121 = await tf.loadLayersModel('/models/densenet121/model.json');

export function predict(img: HTMLImageElement) {
  return tf.tidy(() => {
    const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
    return densenet121.predict(x.div(255).sub(MEAN).div(STD).expandDims(0));
  });
}
