// Style transfer loss network: VGG19 features with Keras caffe preprocessing through a helper.
import * as tf from '@tensorflow/tfjs';

const MEAN_RGB = tf.tensor1d([123.68, 116.779, 103.939]);
const vgg19Features = await tf.loadLayersModel('/models/vgg19_notop/model.json');

function vggPreprocess(images: tf.Tensor4D) {
  return images.sub(MEAN_RGB).reverse(-1);
}

export function features(generated: tf.Tensor4D) {
  // `generated` is in [0, 1]; bring it back to 0..255 first.
  return vgg19Features.predict(vggPreprocess(generated.mul(255)));
}
