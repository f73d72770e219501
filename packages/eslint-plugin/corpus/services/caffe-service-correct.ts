// Service using @prepguard/preprocess for ResNet152.
import * as tf from '@tensorflow/tfjs-node';
import { preprocessInput } from '@prepguard/preprocess';

export class Resnet152Service {
  private resnet152?: tf.LayersModel;

  async load() {
    this.resnet152 = await tf.loadLayersModel('file://models/resnet152/model.json');
  }

  prepare(jpeg: Uint8Array) {
    const image = tf.node.decodeImage(jpeg, 3).resizeNearestNeighbor([224, 224], false, true).toFloat();
    return preprocessInput(image, { mode: 'caffe' }).expandDims(0);
  }

  predict(jpeg: Uint8Array) {
    return this.resnet152!.predict(this.prepare(jpeg));
  }
}
