// A variable called resnet50 that holds PoseNet: raw pixels are right.
import * as posenet from '@tensorflow-models/posenet';
import * as tf from '@tensorflow/tfjs';

const resnet50 = await posenet.load({ architecture: 'ResNet50', outputStride: 16 });

export async function pose(video) {
  const frame = tf.browser.fromPixels(video);
  return resnet50.estimateSinglePose(frame);
}
