import type * as tf from '@tensorflow/tfjs';

/** A pixel buffer as produced by `imgToArray` of @prepguard/preprocess. */
export interface PixelArray {
  data: Float32Array;
  shape: number[];
}

/**
 * The user's preprocessing under test: the model input for ONE image, from the image file's bytes.
 * Returns float32 `[1, H, W, C]` or `[H, W, C]`, as a tensor or a PixelArray.
 */
export type Pipeline = (
  image: Uint8Array,
  context: { file: string },
) => Promise<tf.Tensor | PixelArray> | tf.Tensor | PixelArray;

/** The pipeline's result for one image, in a form the harness compares. */
export interface CandidateInput {
  /** Channels-last values without the batch axis. */
  data: Float32Array;
  /** `[H, W, C]`. */
  shape: number[];
  /** The shape the pipeline returned (before removing the batch axis / transposing). */
  returnedShape: number[];
  /** The element type the pipeline returned (`float32` when right; `data` is float32 in any case). */
  returnedDtype: string;
  /** The pipeline returned channels-first `[C, H, W]`; `data` has been transposed to channels-last. */
  channelsFirst: boolean;
}
