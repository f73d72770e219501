const tf = require('@tensorflow/tfjs-node');

function normalize(image) {
  return tf.tidy(() => image.toFloat().div(255));
}

module.exports = { normalize };
