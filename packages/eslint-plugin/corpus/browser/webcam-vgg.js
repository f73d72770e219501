// Webcam demo: classify frames with a VGG16 converted from Keras.
import * as tf from '@tensorflow/tfjs';

const video = document.getElementById('webcam');
const MODEL_URL = '/assets/models/vgg16/model.json';

async function main() {
  const model = await tf.loadLayersModel(MODEL_URL);
  async function loop() {
    const logits = tf.tidy(() => {
      const frame = tf.browser.fromPixels(video).resizeNearestNeighbor([224, 224], false, true).toFloat();
      const normalized = frame.div(255); // expect: no-naive-scaling
      return model.predict(normalized.expandDims(0));
    });
    render(await logits.data());
    logits.dispose();
    requestAnimationFrame(loop);
  }
  loop();
}

function render(scores) {
  document.getElementById('out').textContent = scores.slice(0, 5).join(', ');
}
main();
