// The per-element mapper is a named function passed by reference.
import * as tf from '@tensorflow/tfjs';

const toUnit = (v) => v / 255; // expect: no-naive-scaling

export async function classify(imageData) {
  const mobilenetV2 = await tf.loadLayersModel('/models/mobilenet_v2/model.json');
  // The division is the scaling expression the rule reports, not this call.
  const rgba = Float32Array.from(imageData.data, toUnit);
  return mobilenetV2.predict(tf.tensor4d(rgba, [1, 224, 224, 4]).slice([0, 0, 0, 0], [1, 224, 224, 3]));
}
