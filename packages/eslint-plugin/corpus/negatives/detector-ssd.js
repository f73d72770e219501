// SSD MobileNet detector from the TF object detection zoo: [0, 255] uint8 input, not a Keras app.
import * as tf from '@tensorflow/tfjs';

const detector = await tf.loadGraphModel('/models/ssd_mobilenet_v2/model.json');

export async function detect(img) {
  const input = tf.browser.fromPixels(img).expandDims(0);
  return detector.executeAsync(input);
}
