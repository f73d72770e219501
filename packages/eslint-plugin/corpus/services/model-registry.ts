// A registry object holding several models; InceptionResNetV2 fed /255.
import * as tf from '@tensorflow/tfjs';

const registry = {
  inceptionResnet: await tf.loadLayersModel('/models/inception_resnet_v2/model.json'),
  thumbnails: null as null | tf.LayersModel,
};

export function score(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([299, 299], false, true).toFloat();
  return registry.inceptionResnet.predict(tf.div(x, tf.scalar(255)).expandDims()); // expect: no-naive-scaling
}
