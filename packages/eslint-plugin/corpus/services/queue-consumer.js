// Queue consumer with a helper method and a reassigned tensor; Xception.
const tf = require('@tensorflow/tfjs-node');

class Consumer {
  async start() {
    this.xception = await tf.loadLayersModel('file://models/xception/model.json');
  }

  decode(message) {
    return tf.node.decodeImage(Buffer.from(message.body, 'base64'), 3);
  }

  async handle(message) {
    let t = this.decode(message);
    t = t.resizeNearestNeighbor([299, 299], false, true).toFloat();
    t = t.div(127.5).sub(1);
    t = t.expandDims(0);
    return this.xception.predict(t);
  }
}

module.exports = { Consumer };
