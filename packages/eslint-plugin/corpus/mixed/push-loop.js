// for...of with push into a plain array.
const tf = require('@tensorflow/tfjs-node');
const sharp = require('sharp');

async function classify(file) {
  const vgg19 = await tf.loadLayersModel('file://models/vgg19/model.json');
  const raw = await sharp(file, { ignoreIcc: true }).resize(224, 224, { fit: 'fill', kernel: 'nearest' }).raw().toBuffer();
  const values = [];
  for (const v of raw) values.push(v / 255); // expect: no-naive-scaling
  return vgg19.predict(tf.tensor4d(values, [1, 224, 224, 3]));
}

module.exports = { classify };
