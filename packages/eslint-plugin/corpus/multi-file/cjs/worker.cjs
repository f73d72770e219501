const tf = require('@tensorflow/tfjs-node');
const fs = require('node:fs');
const { normalize } = require('./normalize.cjs');

async function classify(file) {
  const densenet121 = await tf.loadLayersModel('file://models/densenet121/model.json');
  const image = tf.node.decodeImage(fs.readFileSync(file), 3).resizeNearestNeighbor([224, 224], false, true);
  return densenet121.predict(normalize(image).expandDims()); // expect: no-naive-scaling
}

module.exports = { classify };
