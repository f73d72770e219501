// In-place scaling of a decoded buffer before an InceptionV3.
const tf = require('@tensorflow/tfjs-node');
const sharp = require('sharp');

async function predict(file) {
  const inceptionV3 = await tf.loadLayersModel('file://models/inception_v3/model.json');
  const raw = await sharp(file, { ignoreIcc: true }).resize(299, 299, { fit: 'fill', kernel: 'nearest' }).raw().toBuffer();
  const data = new Float32Array(raw);
  for (let i = 0; i < data.length; i++) {
    data[i] /= 255; // expect: no-naive-scaling
  }
  return inceptionV3.predict(tf.tensor4d(data, [1, 299, 299, 3]));
}

module.exports = { predict };
