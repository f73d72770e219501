// PoseNet with a ResNet50 backbone: its own preprocessing, raw pixels in.
import * as posenet from '@tensorflow-models/posenet';

const resnet50 = await posenet.load({ architecture: 'ResNet50', outputStride: 32, inputResolution: 257, quantBytes: 2 });

export async function pose(video: HTMLVideoElement) {
  return resnet50.estimateSinglePose(video, { flipHorizontal: true });
}
