/**
 * Loads the service's VGG16 classifier (a Keras VGG16 exported to TF.js layers format).
 * Shared by the request handlers in this folder.
 */
import * as tf from '@tensorflow/tfjs';

export const VGG16_MODEL_URL = process.env.VGG16_MODEL_URL ?? 'https://models.example.com/vgg16/model.json';

let vgg16Model: Promise<tf.LayersModel> | undefined;

export function loadVgg16(): Promise<tf.LayersModel> {
  vgg16Model ??= tf.loadLayersModel(VGG16_MODEL_URL);
  return vgg16Model;
}
