// ConvNeXt normalizes inside (PreStem): raw pixels in.
const tf = require('@tensorflow/tfjs-node');
const fs = require('node:fs');

async function classify(file) {
  const convnextTiny = await tf.loadLayersModel('file://models/convnext_tiny/model.json');
  const x = tf.node.decodeImage(fs.readFileSync(file), 3).resizeNearestNeighbor([224, 224], false, true).toFloat();
  return convnextTiny.predict(x.expandDims());
}

module.exports = { classify };
