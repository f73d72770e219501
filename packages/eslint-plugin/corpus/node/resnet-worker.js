// Worker thread: ResNet50 inference on raw RGB frames sent by the parent.
const tf = require('@tensorflow/tfjs-node');
const { parentPort } = require('node:worker_threads');

const INV_255 = 1 / 255;
let resnet50;

parentPort.on('message', async ({ frame, width, height }) => {
  resnet50 = resnet50 || (await tf.loadLayersModel('file://models/resnet50/model.json'));
  const x = tf.tensor3d(frame, [height, width, 3], 'float32').mul(INV_255).expandDims(); // expect: no-naive-scaling
  const probs = resnet50.predict(x);
  parentPort.postMessage(await probs.data());
});
