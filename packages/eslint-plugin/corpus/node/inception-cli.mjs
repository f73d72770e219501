#!/usr/bin/env node
// CLI: top-5 labels from InceptionV3 for one image.
import * as tf from '@tensorflow/tfjs-node';
import { readFileSync } from 'node:fs';

const inceptionV3 = await tf.loadLayersModel('file://models/inception_v3/model.json');
const image = tf.node.decodeImage(readFileSync(process.argv[2]), 3);
const resized = tf.image.resizeBilinear(image, [299, 299]); // expect: keras-compatible-resize
const logits = inceptionV3.predict(resized.expandDims(0)); // expect: preprocess-mode-mismatch
const { values, indices } = tf.topk(logits, 5);
console.log(await values.data(), await indices.data());
