// Array.prototype.map over pixels, then tf.tensor for a MobileNetV2.
import * as tf from '@tensorflow/tfjs';

export async function predict(imageData) {
  const mobilenetV2 = await tf.loadLayersModel('/models/mobilenet_v2/model.json');
  const values = Array.from(imageData.data).map((v) => v / 255); // expect: no-naive-scaling
  return mobilenetV2.predict(tf.tensor(values, [1, 224, 224, 4]).slice([0, 0, 0, 0], [1, 224, 224, 3]));
}
