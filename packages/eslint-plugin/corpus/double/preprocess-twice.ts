// preprocessInput applied by a helper and again by the caller.
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const xception = await tf.loadLayersModel('/models/xception/model.json');

function prepare(img: HTMLImageElement) {
  const x = tf.browser.fromPixels(img).resizeNearestNeighbor([299, 299], false, true).toFloat();
  return preprocessInput(x, { mode: 'tf' });
}

export function classify(img: HTMLImageElement) {
  return xception.predict(preprocessInput(prepare(img), { mode: 'tf' }).expandDims()); // expect: no-double-preprocessing
}
