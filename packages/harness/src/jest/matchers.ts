import { readFileSync } from 'node:fs';
import { KERAS_APPLICATIONS, type KerasApplication } from '@prepguard/preprocess';
import { compareInput, levelSize } from '../compare/compare.js';
import { DEFAULT_TOLERANCE } from '../compare/tolerance.js';
import { diagnoseCandidate } from '../diagnosis/diagnose.js';
import { PipelineError, PipelineOutputDtypeError } from '../errors.js';
import { kerasInput } from '../input/keras-input.js';
import { toCandidate } from '../pipeline/run.js';
import type { Interpolation, PreprocessMode, ReferencePreprocessing } from '../reference/types.js';

export interface KerasInputExpectation {
  /** The image file (path) or its bytes. */
  image: string | Uint8Array;
  /** A Keras application (its preprocess_input) or a preprocess_input mode. */
  model: KerasApplication | PreprocessMode;
  /** [height, width]; null keeps the image size. */
  targetSize: [number, number] | null;
  interpolation?: Interpolation;
  keepAspectRatio?: boolean;
  /** Model-input units. Defaults: 1e-3 and 1e-4 (the check's input tolerances). */
  maxAbsError?: number;
  meanAbsError?: number;
}

interface MatcherContext {
  isNot: boolean;
  utils?: { printReceived(v: unknown): string; printExpected(v: unknown): string };
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * `await expect(tensorOrPixelArray).toMatchKerasInput({ image, model: 'vgg16', targetSize: [224, 224] })`:
 * passes when the value equals what Keras' load_img → img_to_array → preprocess_input gives for the
 * same image bytes; otherwise explains the likely mistake.
 */
export async function toMatchKerasInput(this: MatcherContext, received: unknown, expected: KerasInputExpectation): Promise<MatcherResult> {
  const bytes = typeof expected.image === 'string' ? new Uint8Array(readFileSync(expected.image)) : expected.image;
  const file = typeof expected.image === 'string' ? expected.image : '<image bytes>';
  const mode: PreprocessMode = expected.model in KERAS_APPLICATIONS ? KERAS_APPLICATIONS[expected.model as KerasApplication] : (expected.model as PreprocessMode);
  const prep: ReferencePreprocessing = {
    mode,
    application: expected.model in KERAS_APPLICATIONS ? expected.model : null,
    targetSize: expected.targetSize,
    interpolation: expected.interpolation ?? 'nearest',
    keepAspectRatio: expected.keepAspectRatio ?? false,
    colorMode: 'rgb',
    dataFormat: 'channels_last',
  };
  const keras = await kerasInput(bytes, prep, file);
  let candidate;
  try {
    candidate = toCandidate(received, file, keras.shape);
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    return { pass: false, message: () => `expected a Keras input for ${file} (${prep.mode} mode), but ${error.message}` };
  }
  if (candidate.returnedDtype !== 'float32') {
    const dtype = new PipelineOutputDtypeError(file, candidate.returnedDtype);
    return { pass: false, message: () => `expected a float32 Keras input for ${file} (${prep.mode} mode), but ${dtype.message}` };
  }
  const tol = { ...DEFAULT_TOLERANCE, inputMaxAbsError: expected.maxAbsError ?? DEFAULT_TOLERANCE.inputMaxAbsError, inputMeanAbsError: expected.meanAbsError ?? DEFAULT_TOLERANCE.inputMeanAbsError };
  const cmp = compareInput(keras.data, candidate.data, prep.mode, tol);
  const pass = cmp.pass && !candidate.channelsFirst;
  if (pass) {
    return {
      pass,
      message: () => `expected the input not to match Keras' ${prep.mode} input for ${file}, but it does (max abs error ${cmp.maxAbsError})`,
    };
  }
  const d = await diagnoseCandidate(bytes, file, prep, candidate, keras);
  return {
    pass,
    message: () =>
      [
        `expected the model input for ${file} to equal Keras' (load_img → img_to_array → preprocess_input, mode '${prep.mode}', ${prep.interpolation}, ${prep.targetSize?.join('×') ?? 'original size'}),`,
        `but it differs: max abs error ${cmp.maxAbsError.toPrecision(4)} (≈ ${(cmp.maxAbsError / levelSize(prep.mode)).toPrecision(3)} pixel levels), mean ${cmp.meanAbsError.toPrecision(4)}.`,
        d && d.code !== 'unknown' ? `Likely mistake [${d.code}]: ${d.title}. Evidence: ${d.evidence}.` : d ? `No known mistake explains it: ${d.evidence}.` : '',
        ...(d?.also ?? []).map((a) => `Also [${a.code}]: ${a.title}.`),
        d ? `Fix: ${d.fix}.` : '',
        `Measured (the tolerance at which it would pass): maxAbsError ${cmp.maxAbsError.toPrecision(4)}, meanAbsError ${cmp.meanAbsError.toPrecision(4)}.`,
      ]
        .filter(Boolean)
        .join('\n'),
  };
}

/** For `expect.extend(matchers)`. */
export const matchers = { toMatchKerasInput };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Async: `await expect(x).toMatchKerasInput({ image, model: 'vgg16', targetSize: [224, 224] })`. */
      toMatchKerasInput(expected: KerasInputExpectation): Promise<R>;
    }
  }
}
