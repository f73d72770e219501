// Promise .then chains instead of await.
const tf = require('@tensorflow/tfjs-node');
const sharp = require('sharp');

function classify(file) {
  return tf.loadLayersModel('file://models/densenet121/model.json').then((densenet) =>
    sharp(file, { ignoreIcc: true })
      .resize(224, 224, { fit: 'fill', kernel: 'nearest' })
      .raw()
      .toBuffer()
      .then((buf) => densenet.predict(tf.tensor4d(buf, [1, 224, 224, 3]).div(255))), // expect: no-naive-scaling
  );
}

module.exports = { classify };
