// pose-detection MoveNet fed preprocessInput output: the detector normalizes itself.
import * as poseDetection from '@tensorflow-models/pose-detection';
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';

const detector = await poseDetection.createDetector(poseDetection.SupportedModels.MoveNet);

export async function poses(video: HTMLVideoElement) {
  const frame = tf.browser.fromPixels(video).toFloat();
  return detector.estimatePoses(preprocessInput(frame, { mode: 'tf' }) as tf.Tensor3D); // expect: no-double-preprocessing
}
