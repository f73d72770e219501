// coco-ssd with [-1, 1] input: normalized twice.
import * as cocoSsd from '@tensorflow-models/coco-ssd';
import * as tf from '@tensorflow/tfjs';

const detector = await cocoSsd.load();

export async function detect(video) {
  const frame = tf.browser.fromPixels(video).toFloat();
  return detector.detect(frame.div(127.5).sub(1)); // expect: no-double-preprocessing
}
