// BodyPix segmentation from a canvas; raw input as documented.
import * as bodyPix from '@tensorflow-models/body-pix';
import * as tf from '@tensorflow/tfjs';

const net = await bodyPix.load({ architecture: 'ResNet50', outputStride: 16 });

export async function segment(canvas) {
  const image = tf.browser.fromPixels(canvas);
  const segmentation = await net.segmentPerson(image);
  image.dispose();
  return segmentation;
}
