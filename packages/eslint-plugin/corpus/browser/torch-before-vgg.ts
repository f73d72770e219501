// PyTorch-style normalization copied into a Keras VGG16 app.
import * as tf from '@tensorflow/tfjs';

const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');

export function classify(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  const normalized = x.div(255).sub([0.485, 0.456, 0.406]).div([0.229, 0.224, 0.225]); // expect: preprocess-mode-mismatch
  return vgg16.predict(normalized.expandDims());
}
