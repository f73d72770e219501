// Express handler: classify an uploaded photo with a Keras VGG16 exported to TF.js.
import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
import type { Request, Response } from 'express';

const MODEL_PATH = 'file://./models/vgg16/model.json';
let model: tf.LayersModel | undefined;

async function getModel() {
  model ??= await tf.loadLayersModel(MODEL_PATH);
  return model;
}

export async function classifyUpload(req: Request, res: Response) {
  const vgg = await getModel();
  const { data, info } = await sharp(req.body as Buffer) // expect: keras-compatible-resize
    .resize(224, 224) // expect: keras-compatible-resize
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const input = tf.tidy(() =>
    tf.tensor3d(data, [info.height, info.width, 3]).toFloat().div(255).expandDims(0), // expect: no-naive-scaling
  );
  const scores = vgg.predict(input) as tf.Tensor;
  res.json({ top: (await scores.argMax(-1).data())[0] });
}
