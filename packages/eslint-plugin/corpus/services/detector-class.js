// Class with a field initializer for the model promise; ResNet50 v2 (tf mode).
import * as tf from '@tensorflow/tfjs';

export class Tagger {
  resnet = tf.loadLayersModel('/models/resnet50_v2/model.json');

  async tag(img) {
    const model = await this.resnet;
    const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
    return model.predict(x.div(127.5).sub(1).expandDims());
  }
}
