// PoseNet ResNet50 graph model loaded by URL: not Keras ResNet50, whatever the path says.
import * as tf from '@tensorflow/tfjs';

const RESNET50_URL = 'https://storage.googleapis.com/tfjs-models/savedmodel/posenet/resnet50/float/model-stride32.json';
const resnet50 = await tf.loadGraphModel(RESNET50_URL);

export function heatmaps(video) {
  const x = tf.browser.fromPixels(video).toFloat().div(255).expandDims();
  return resnet50.predict(x);
}
