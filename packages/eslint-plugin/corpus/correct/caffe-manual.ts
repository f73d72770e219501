// Keras caffe mode by hand: RGB means, then RGB -> BGR (Keras' own order of operations).
import * as tf from '@tensorflow/tfjs';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');
const MEANS_RGB = [123.68, 116.779, 103.939];

export function classify(img: HTMLImageElement) {
  return tf.tidy(() => {
    const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
    return vgg16.predict(x.sub(MEANS_RGB).reverse(-1).expandDims());
  });
}
