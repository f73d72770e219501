// Functional ops only: tf mode for InceptionV3, correct.
import * as tf from '@tensorflow/tfjs';

const inceptionV3 = await tf.loadLayersModel('/models/inception_v3/model.json');

export const classify = (img: HTMLImageElement) =>
  inceptionV3.predict(tf.expandDims(tf.sub(tf.div(tf.cast(tf.browser.fromPixels(img), 'float32'), 127.5), 1)));
