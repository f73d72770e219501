// Teachable-machine style: tfjs-models MobileNet embeddings into a KNN classifier.
import * as mobilenet from '@tensorflow-models/mobilenet';
import * as knnClassifier from '@tensorflow-models/knn-classifier';
import * as tf from '@tensorflow/tfjs';

const net = await mobilenet.load();
const knn = knnClassifier.create();

export function addExample(img, label) {
  const activation = net.infer(tf.browser.fromPixels(img), true);
  knn.addExample(activation, label);
}

export function addScaledExample(img, label) {
  const activation = net.infer(tf.browser.fromPixels(img).toFloat().div(255), true); // expect: no-naive-scaling
  knn.addExample(activation, label);
}
