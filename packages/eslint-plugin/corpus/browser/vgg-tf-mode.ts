// VGG19 with [-1, 1] scaling: the wrong Keras mode.
import * as tf from '@tensorflow/tfjs';

const vgg19 = await tf.loadLayersModel('/models/vgg19/model.json');

export const classify = (img: HTMLImageElement) =>
  tf.tidy(() => {
    const input = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
    return vgg19.predict(input.div(127.5).sub(1).expandDims()); // expect: preprocess-mode-mismatch
  });
