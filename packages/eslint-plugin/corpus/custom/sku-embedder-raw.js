// Product embedder trained on 0-255 input (settings: sku-embedder -> raw), fed [-1, 1].
import * as tf from '@tensorflow/tfjs';

const skuEmbedder = await tf.loadGraphModel('/models/sku-embedder/model.json');

export function embed(img) {
  const x = tf.browser.fromPixels(img).toFloat();
  return skuEmbedder.execute(x.div(127.5).sub(1).expandDims()); // expect: preprocess-mode-mismatch
}
