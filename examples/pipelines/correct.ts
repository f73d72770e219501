/**
 * CORRECT: the VGG16 preprocessing Keras applies, step for step.
 *
 * keras.utils.load_img(path, target_size=(224, 224))  -> loadImg (Pillow decode, nearest squash)
 * keras.utils.img_to_array(img)                       -> imgToArray
 * keras.applications.vgg16.preprocess_input(x)        -> preprocessInput({ model: 'vgg16' })
 *
 * Expected verdict: pass on every golden image.
 */
import type * as tf from '@tensorflow/tfjs';
import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';
import { toBatch } from './shared/vgg16-input.js';

export async function pipeline(image: Uint8Array): Promise<tf.Tensor4D> {
  const img = await loadImg(image, { targetSize: [224, 224] });
  return toBatch(preprocessInput(imgToArray(img), { model: 'vgg16' }));
}

export default pipeline;
