import * as tf from '@tensorflow/tfjs-node';

export const RESNET_PATH = 'file://./models/resnet50/model.json';
export const resnet50 = await tf.loadLayersModel(RESNET_PATH);
