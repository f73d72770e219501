// React hook state holding the model: the engine does not follow useState.
import * as tf from '@tensorflow/tfjs';
import { useEffect, useState } from 'react';

export function useVgg(img: HTMLImageElement | null) {
  const [model, setModel] = useState<tf.LayersModel>();
  useEffect(() => {
    tf.loadLayersModel('/models/vgg16/model.json').then(setModel);
  }, []);
  if (!model || !img) return undefined;
  return model.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims()); // expect: no-naive-scaling
}
