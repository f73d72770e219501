import * as tf from '@tensorflow/tfjs';
import {
  PipelineError,
  PipelineNonFiniteError,
  PipelineOutputDtypeError,
  PipelineOutputShapeError,
  PipelineOutputTypeError,
  PipelineTensorLeakError,
  PipelineThrewError,
  PipelineTimeoutError,
} from '../errors.js';
import { chwToHwc } from '../layout.js';
import type { CandidateInput, PixelArray, Pipeline } from './types.js';

export interface PipelineRun {
  candidate: CandidateInput | null;
  /** The first fault found; a leak still comes with a usable candidate. */
  error: PipelineError | null;
  /** Milliseconds spent in the user's pipeline. */
  ms: number;
}

function isTensor(x: unknown): x is tf.Tensor {
  // Duck-typed: a pipeline may load its own copy of tfjs, whose Tensor class differs from ours.
  return typeof x === 'object' && x !== null && 'dataSync' in x && 'shape' in x && 'dtype' in x && typeof (x as tf.Tensor).dispose === 'function';
}

function isPixelArray(x: unknown): x is PixelArray {
  return typeof x === 'object' && x !== null && 'data' in x && 'shape' in x && Array.isArray((x as PixelArray).shape);
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs the user's pipeline on one image with every guard the harness promises: a timeout, thrown
 * errors, output type/shape/dtype checks, NaN/Inf detection and tensor-leak detection. It never
 * throws: the fault is returned as a typed PipelineError naming the file, so the run goes on.
 *
 * Limitation: the timeout cannot interrupt a pipeline that blocks the event loop synchronously
 * (an infinite `while` loop); such a pipeline hangs the process. Use the CLI's `--timeout-ms`
 * together with your CI job's own timeout for that case.
 */
export async function runPipeline(
  pipeline: Pipeline,
  image: Uint8Array,
  file: string,
  expectedShape: number[],
  timeoutMs: number,
): Promise<PipelineRun> {
  const before = tf.memory().numTensors;
  const start = performance.now();
  let output: unknown;
  // A copy, so a pipeline that mutates its input cannot corrupt the bytes used for diagnosis.
  const work = Promise.resolve().then(() => pipeline(new Uint8Array(image), { file }));
  try {
    output = await withTimeout(work, timeoutMs, () => new PipelineTimeoutError(file, timeoutMs));
  } catch (error) {
    // A late result of a timed-out call must not count as a leak of the next image.
    if (error instanceof PipelineTimeoutError) work.then((late) => isTensor(late) && late.dispose(), () => undefined);
    const ms = performance.now() - start;
    return { candidate: null, error: error instanceof PipelineError ? error : new PipelineThrewError(file, error), ms };
  }
  const ms = performance.now() - start;
  try {
    const returned = isTensor(output) ? 1 : 0;
    const leaked = tf.memory().numTensors - before - returned;
    const candidate = toCandidate(output, file, expectedShape);
    const error = leaked > 0 ? new PipelineTensorLeakError(file, leaked) : null;
    return { candidate, error, ms };
  } catch (error) {
    return { candidate: null, error: error as PipelineError, ms };
  } finally {
    if (isTensor(output)) output.dispose();
  }
}

/** Validates the pipeline's output and brings it to channels-last `[H, W, C]` float32. */
export function toCandidate(output: unknown, file: string, expectedShape: number[]): CandidateInput {
  let data: Float32Array;
  let shape: number[];
  if (isTensor(output)) {
    if (output.dtype !== 'float32') throw new PipelineOutputDtypeError(file, output.dtype);
    shape = [...output.shape];
    data = Float32Array.from(output.dataSync() as Float32Array);
  } else if (isPixelArray(output)) {
    if (!(output.data instanceof Float32Array)) {
      throw new PipelineOutputDtypeError(file, (output.data as object)?.constructor?.name ?? typeof output.data);
    }
    shape = [...output.shape];
    data = output.data;
  } else {
    throw new PipelineOutputTypeError(
      file,
      `returned ${output === null ? 'null' : typeof output}; return a float32 tf.Tensor or a PixelArray { data: Float32Array, shape }`,
    );
  }
  const returnedShape = [...shape];
  if (shape.length === 4 && shape[0] === 1) shape = shape.slice(1);
  const size = shape.reduce((a, b) => a * b, 1);
  if (shape.length !== 3 || size !== data.length) throw new PipelineOutputShapeError(file, returnedShape, expectedShape);

  let channelsFirst = false;
  if (!sameShape(shape, expectedShape)) {
    const [c, h, w] = shape as [number, number, number];
    if (sameShape([h, w, c], expectedShape)) {
      data = chwToHwc(data, c, h, w);
      shape = [h, w, c];
      channelsFirst = true;
    } else {
      throw new PipelineOutputShapeError(file, returnedShape, expectedShape);
    }
  }
  let nan = 0;
  let inf = 0;
  for (const v of data) {
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
  }
  if (nan || inf) throw new PipelineNonFiniteError(file, nan, inf);
  return { data, shape, returnedShape, channelsFirst };
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => b[i] === -1 || d === b[i]);
}
