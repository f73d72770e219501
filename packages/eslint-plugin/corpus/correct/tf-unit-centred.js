// tf mode as (x/255 - 0.5) * 2 for MobileNet v1.
import * as tf from '@tensorflow/tfjs';

const mobilenetV1 = await tf.loadLayersModel('/models/mobilenet_v1_1.0_224/model.json');

export function classify(img) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
  return mobilenetV1.predict(x.div(255).sub(0.5).mul(2).expandDims());
}
