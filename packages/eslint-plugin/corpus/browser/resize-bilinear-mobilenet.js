// Correct tf-mode scaling, but tfjs bilinear resizing for a model trained on load_img (nearest).
import * as tf from '@tensorflow/tfjs';

const mobilenetV2 = await tf.loadLayersModel('/models/mobilenet_v2/model.json');

export function classify(img) {
  return tf.tidy(() => {
    const pixels = tf.browser.fromPixels(img);
    const resized = tf.image.resizeBilinear(pixels, [224, 224]); // expect: keras-compatible-resize
    return mobilenetV2.predict(resized.toFloat().div(127.5).sub(1).expandDims());
  });
}
