// NestJS-style service wrapping a VGG16 classifier.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';

export class ImageClassifierService {
  private model!: tf.LayersModel;
  private readonly modelUrl = 'file://./models/vgg16/model.json';

  async onModuleInit() {
    this.model = await tf.loadLayersModel(this.modelUrl);
  }

  private async toTensor(buffer: Buffer) {
    const { data, info } = await sharp(buffer, { ignoreIcc: true })
      .resize(224, 224, { fit: 'fill', kernel: 'nearest' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return tf.tensor3d(data, [info.height, info.width, info.channels]).toFloat();
  }

  private normalize(t: tf.Tensor3D) {
    return t.div(255).expandDims(0); // expect: no-naive-scaling
  }

  async classify(buffer: Buffer) {
    const input = this.normalize(await this.toTensor(buffer));
    return this.model.predict(input);
  }
}
