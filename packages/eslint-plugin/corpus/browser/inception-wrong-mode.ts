// InceptionV3 fed caffe-style input (copied from a VGG example).
import * as tf from '@tensorflow/tfjs';

const IMAGENET_MEAN = [123.68, 116.779, 103.939];
const inception = await tf.loadLayersModel('/models/inception_v3/model.json');

export function predict(el: HTMLImageElement) {
  const x = tf.browser.fromPixels(el).resizeNearestNeighbor([299, 299], false, true).toFloat();
  const centred = x.sub(IMAGENET_MEAN).reverse(-1); // expect: preprocess-mode-mismatch
  return inception.predict(centred.expandDims(0));
}
