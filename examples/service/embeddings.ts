/**
 * Image embeddings for similarity search, from VGG16's convolutional base.
 *
 * MISTAKE (found by `prepguard audit`): the "normalize to [-1, 1], then subtract the ImageNet
 * means" recipe; VGG16 expects BGR pixels minus the means, unscaled (preprocess-mode-mismatch).
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';

const IMAGENET_MEAN = [123.68, 116.779, 103.939];

const vgg16Base = await tf.loadLayersModel('https://models.example.com/vgg16-notop/model.json');

export async function embed(image: Uint8Array): Promise<Float32Array> {
  const { data } = await sharp(image, { ignoreIcc: true }).resize(224, 224, { fit: 'fill', kernel: 'nearest' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const features = tf.tidy(() => {
    const pixels = tf.tensor4d(new Uint8Array(data), [1, 224, 224, 3], 'int32').toFloat();
    const normalized = pixels.div(127.5).sub(1).sub(IMAGENET_MEAN);
    return vgg16Base.predict(normalized) as tf.Tensor;
  });
  const vector = (await features.data()) as Float32Array;
  features.dispose();
  return vector;
}
