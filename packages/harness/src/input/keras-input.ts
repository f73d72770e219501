import { imgToArray, loadImg, preprocessInput, type KerasImage } from '@prepguard/preprocess';
import type { ReferencePreprocessing } from '../reference/types.js';

export interface KerasInput {
  /** What keras.utils.load_img gives: pixels at the target size, before img_to_array. */
  pixels: KerasImage;
  /** The Keras-exact model input, channels-last, no batch axis. */
  data: Float32Array;
  shape: number[];
}

/**
 * The model input Keras would compute from these image bytes with the reference's preprocessing
 * (load_img → img_to_array → preprocess_input), via the bit-exact port in @prepguard/preprocess.
 */
export async function kerasInput(bytes: Uint8Array, prep: ReferencePreprocessing, file: string): Promise<KerasInput> {
  const pixels = await loadImg(bytes, {
    targetSize: prep.targetSize,
    interpolation: prep.interpolation,
    keepAspectRatio: prep.keepAspectRatio,
    colorMode: prep.colorMode,
    fileName: file,
  });
  // The harness compares channels-last tensors; channels-first references are compared after transposing.
  const array = imgToArray(pixels, { dataFormat: 'channels_last' });
  const input = preprocessInput(array, { mode: prep.mode }, 'channels_last') as { data: Float32Array; shape: number[] };
  return { pixels, data: input.data, shape: input.shape };
}
