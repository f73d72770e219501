// Grayscale scans end up with one channel.
const tf = require('@tensorflow/tfjs-node');
const fs = require('node:fs');
const { preprocessInput } = require('@prepguard/preprocess');

async function classifyScan(file) {
  const resnet152 = await tf.loadLayersModel('file://models/resnet152/model.json');
  const image = tf.node.decodeImage(fs.readFileSync(file)); // expect: keras-compatible-resize
  const input = preprocessInput(image.resizeNearestNeighbor([224, 224], false, true).toFloat(), { mode: 'caffe' });
  return resnet152.predict(input.expandDims(0));
}

module.exports = { classifyScan };
