// Flip first, then BGR means: also exactly caffe.
import * as tf from '@tensorflow/tfjs';

const vgg19 = await tf.loadLayersModel('/models/vgg19/model.json');

export const classify = (img: HTMLImageElement) =>
  vgg19.predict(tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat().reverse(-1).sub([103.939, 116.779, 123.68]).expandDims());
