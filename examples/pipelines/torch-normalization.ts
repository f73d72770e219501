/**
 * MISTAKE torch-normalization: the PyTorch/torchvision recipe (x / 255, then ImageNet mean/std in
 * RGB order). Right for DenseNet (Keras 'torch' mode) and torchvision models, wrong for VGG16.
 *
 * Expected verdict: fail, diagnosis `torch-normalization`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

export async function pipeline(image: Uint8Array): Promise<tf.Tensor> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return tf.tidy(() => toBatch(imgToArray(img)).div(255).sub(IMAGENET_MEAN).div(IMAGENET_STD));
}

export default pipeline;
