// Plain script page: tf comes from a <script> tag.
/* global tf */
async function start() {
  const vgg16 = await tf.loadLayersModel('models/vgg16/model.json');
  document.getElementById('go').addEventListener('click', () => {
    const img = document.getElementById('photo');
    const input = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224], false, true).toFloat();
    const out = vgg16.predict(tf.div(input, 255).expandDims()); // expect: no-naive-scaling
    out.print();
  });
}
start();
