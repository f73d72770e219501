/**
 * MISTAKE channel-order: the pixels are flipped to BGR as VGG16 wants, but the ImageNet means
 * are subtracted in the order they are usually quoted, RGB ([123.68, 116.779, 103.939]): the blue
 * channel gets the red mean and the red channel the blue one.
 *
 * (Reversing the channels *after* preprocess_input instead gives RGB pixels minus the means: the
 * same tensor as forgetting the flip, so that one is diagnosed `caffe-without-bgr`.)
 *
 * Expected verdict: fail, diagnosis `channel-order`.
 */
import * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

const IMAGENET_MEANS_RGB = [123.68, 116.779, 103.939];

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return tf.tidy(() => tf.reverse(toBatch(imgToArray(img)), -1).sub(IMAGENET_MEANS_RGB) as tf.Tensor4D);
}

export default pipeline;
