// A custom model tagged with the preprocessing it was trained with.
import * as tf from '@tensorflow/tfjs';

export class DefectDetector {
  /** @preprocess tf */
  private net?: tf.LayersModel;

  async init(url: string) {
    /** @preprocess tf */
    this.net = await tf.loadLayersModel(url);
  }

  inspect(frame: HTMLVideoElement) {
    const x = tf.browser.fromPixels(frame).toFloat();
    return this.net!.predict(x.div(255).expandDims()); // expect: no-naive-scaling
  }
}
