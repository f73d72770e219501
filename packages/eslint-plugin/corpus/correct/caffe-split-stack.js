// Channel-wise caffe with split/concat for ResNet50.
import * as tf from '@tensorflow/tfjs';

const resnet50 = await tf.loadLayersModel('/models/resnet50/model.json');

export function classify(img) {
  return tf.tidy(() => {
    const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
    const [r, g, b] = tf.split(x, 3, 2);
    const bgr = tf.concat([b.sub(103.939), g.sub(116.779), r.sub(123.68)], 2);
    return resnet50.predict(bgr.expandDims(0));
  });
}
