import * as tf from '@tensorflow/tfjs';
import {
  PipelineError,
  PipelineNonFiniteError,
  PipelineOutputDtypeError,
  PipelineOutputShapeError,
  PipelineOutputTypeError,
  PipelineSlowError,
  PipelineTensorLeakError,
  PipelineThrewError,
  PipelineTimeoutError,
} from '../errors.js';
import { chwToHwc } from '../layout.js';
import type { BrowserDecoder } from '../browser/protocol.js';
import type { CandidateInput, PixelArray, Pipeline } from './types.js';

export interface PipelineRun {
  candidate: CandidateInput | null;
  /** Why there is no candidate (thrown, timed out, unusable output); null whenever there is one. */
  error: PipelineError | null;
  /**
   * Faults that still left a usable output (a tensor leak, a non-float32 dtype, a pipeline slower
   * than half its timeout): reported beside the comparison, never instead of it.
   */
  notes: PipelineError[];
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

/** Races `work` against a timer that rejects with `onTimeout()`; the timer never outlives the race. */
export function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs the user's pipeline on one image with every guard the harness promises: a timeout, thrown
 * errors, output type/shape/dtype checks, NaN/Inf detection, tensor-leak and slowness detection.
 * It never throws: each fault is a typed PipelineError naming the file, so the run goes on. Only a
 * fault that leaves nothing to compare is the run's `error`; the others are `notes`.
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
    return { candidate: null, error: error instanceof PipelineError ? error : new PipelineThrewError(file, error), notes: [], ms };
  }
  const ms = performance.now() - start;
  const returned = isTensor(output) ? 1 : 0;
  try {
    return settleOutput(output, { file, expectedShape, timeoutMs, ms, leaked: tf.memory().numTensors - before - returned });
  } finally {
    if (isTensor(output)) output.dispose();
  }
}

/**
 * Turns what a pipeline returned into a run: the candidate when the output is usable, and the
 * faults that are notes beside it (leak, slowness, dtype). Shared by the Node and browser runners.
 */
export function settleOutput(
  output: unknown,
  run: { file: string; expectedShape: number[]; timeoutMs: number; ms: number; leaked: number },
): PipelineRun {
  const { file, ms } = run;
  const notes: PipelineError[] = [];
  if (run.leaked > 0) notes.push(new PipelineTensorLeakError(file, run.leaked));
  if (ms > run.timeoutMs / 2) notes.push(new PipelineSlowError(file, ms, run.timeoutMs));
  try {
    const candidate = toCandidate(output, file, run.expectedShape);
    if (candidate.returnedDtype !== 'float32') notes.unshift(new PipelineOutputDtypeError(file, candidate.returnedDtype));
    return { candidate, error: null, notes, ms };
  } catch (error) {
    return { candidate: null, error: error as PipelineError, notes, ms };
  }
}

/**
 * Where a pipeline runs: in this Node process (runPipeline) or in a headless browser
 * (browser/runner.ts). The check session only sees this interface.
 */
export interface PipelineRunner {
  /** Never throws: each fault is the run's error or a note. */
  run(image: Uint8Array, file: string, expectedShape: number[], timeoutMs: number): Promise<PipelineRun>;
  /** Replays of the browser's own decodes for the diagnosis; absent for Node pipelines. */
  readonly browserDecoder?: BrowserDecoder;
  close(): Promise<void>;
}

/** The Node runner: the pipeline is a function in this process. */
export function nodeRunner(pipeline: Pipeline): PipelineRunner {
  return {
    run: (image, file, expectedShape, timeoutMs) => runPipeline(pipeline, image, file, expectedShape, timeoutMs),
    close: async () => undefined,
  };
}

/** The element type of a PixelArray's `data`, in tfjs' words where one exists. */
function arrayDtype(data: unknown): string {
  if (data instanceof Float32Array) return 'float32';
  if (Array.isArray(data)) return 'number[]';
  return (data as object | null)?.constructor?.name ?? typeof data;
}

function isNumericArray(data: unknown): data is ArrayLike<number> {
  return (ArrayBuffer.isView(data) && !(data instanceof DataView) && !(data instanceof BigInt64Array) && !(data instanceof BigUint64Array)) || (Array.isArray(data) && data.every((v) => typeof v === 'number'));
}

/**
 * Validates the pipeline's output and brings it to channels-last `[H, W, C]` float32. Numbers of
 * another type (an int32 tensor, a Float64Array) are compared as float32 and `returnedDtype` says
 * what came: the values may be right even when the type the model needs is not.
 */
export function toCandidate(output: unknown, file: string, expectedShape: number[]): CandidateInput {
  let data: Float32Array;
  let shape: number[];
  let returnedDtype: string;
  if (isTensor(output)) {
    if (output.dtype === 'string' || output.dtype === 'complex64') throw new PipelineOutputDtypeError(file, output.dtype);
    returnedDtype = output.dtype;
    shape = [...output.shape];
    data = Float32Array.from(output.dataSync() as ArrayLike<number>);
  } else if (isPixelArray(output)) {
    returnedDtype = arrayDtype(output.data);
    if (!isNumericArray(output.data)) throw new PipelineOutputDtypeError(file, returnedDtype);
    shape = [...output.shape];
    data = output.data instanceof Float32Array ? output.data : Float32Array.from(output.data);
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
  return { data, shape, returnedShape, returnedDtype, channelsFirst };
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => b[i] === -1 || d === b[i]);
}
