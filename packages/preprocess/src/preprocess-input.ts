/**
 * `keras.applications.imagenet_utils.preprocess_input` and the per-application wrappers
 * (keras/src/applications/imagenet_utils.py `_preprocess_numpy_input` /
 * `_preprocess_tensor_input`), reproduced bit for bit in float32.
 *
 * Differences from Keras, on purpose:
 * - Keras modifies a float numpy input IN PLACE (and, for caffe, leaves the caller's array
 *   holding the mean-subtracted values in RGB order while returning a BGR view). We never
 *   mutate the input: a new array (or tensor) is always returned.
 * - Integer input is cast to float32 first, as Keras' numpy path does (`astype(floatx())`).
 *   Float64 input is computed in float64, as numpy would. 64-bit integers (BigInt64Array) go
 *   through a double first, so beyond 2^53 they may round differently from numpy's int64 cast.
 *
 * Shapes follow Keras: the numpy path accepts any rank whose channel axis (the last one for
 * channels_last; axis 0 of a 3-D or axis 1 of a 4-D+ array for channels_first) has at least
 * three entries, and leaves channels beyond the third unnormalised (caffe reverses them all);
 * the tensor path keeps only channels 2, 1, 0 in caffe mode and broadcasts the torch mean/std
 * (a one-channel tensor becomes three). Where Keras raises, a RangeError says why.
 */
import { preprocessMode, type KerasApplication } from './applications.js';
import { assertDataFormat } from './img-to-array.js';
import { tensorOps, type Operand, type TensorLike } from './tensor.js';
import type { DataFormat, PixelArray, PreprocessMode } from './types.js';

export type { TensorLike } from './tensor.js';

/** Mode or application to preprocess for. */
export type PreprocessOptions = { mode: PreprocessMode } | { model: KerasApplication };

// Keras' constants; float32 arithmetic rounds them to float32 exactly as numpy does (NEP 50).
const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68] as const;
const TORCH_MEAN = [0.485, 0.456, 0.406] as const;
const TORCH_STD = [0.229, 0.224, 0.225] as const;

/** Numeric typed arrays a PixelArray may carry (integer ones are cast like `astype(float32)`). */
type NumericArray =
  | Float32Array
  | Float64Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Int16Array
  | Int8Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

function resolveMode(options: PreprocessOptions): PreprocessMode {
  if (options !== null && typeof options === 'object') {
    if ('model' in options) return preprocessMode(options.model);
    if ('mode' in options) {
      const { mode } = options;
      if (mode === 'caffe' || mode === 'tf' || mode === 'torch' || mode === 'raw') return mode;
      throw new TypeError(`Expected mode to be one of "caffe", "tf", "torch" or "raw". Received: mode=${JSON.stringify(mode)}`);
    }
  }
  throw new TypeError('preprocessInput needs { mode } or { model }');
}

/** True for a tfjs Tensor (checked structurally so tfjs stays an optional dependency). */
export function isTensor(x: unknown): x is TensorLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    'dataId' in x &&
    'dtype' in x &&
    Array.isArray((x as { shape?: unknown }).shape) &&
    typeof (x as { dataSync?: unknown }).dataSync === 'function'
  );
}

/** Index of the channel axis for Keras' data_format on an array of this rank. */
function channelAxis(rank: number, dataFormat: DataFormat): number {
  if (dataFormat === 'channels_last') return rank - 1;
  // Keras: x[0, ...] for 3-D arrays, x[:, 0, ...] otherwise.
  return rank === 3 ? 0 : 1;
}

/** Keras indexes channels 0, 1 and 2 on the channel axis; anything less raises there (IndexError). */
function assertThreeChannels(shape: readonly number[], mode: PreprocessMode, dataFormat: DataFormat, what: string): number {
  const axis = channelAxis(shape.length, dataFormat);
  // channels_first indexes x[:, i, :, :] beyond 3-D, which needs 4 dimensions.
  const rankOk = dataFormat === 'channels_last' ? shape.length >= 1 : shape.length >= 3;
  if (!rankOk || (shape[axis] ?? 0) < 3) {
    throw new RangeError(
      `preprocess_input mode "${mode}" needs at least 3 channels on axis ${axis} of ${what}; got shape [${shape}] (${dataFormat}; Keras raises here)`,
    );
  }
  return axis;
}

/** numpy's broadcasting rule: trailing dimensions equal or 1. */
function broadcastable(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i]!;
    const y = b[b.length - i]!;
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
}

/** `values` reshaped to `shape` (one axis holds the values, the others are 1), as nested arrays. */
function shaped(values: readonly number[], shape: readonly number[]): Operand {
  const build = (d: number, offset: number): Operand =>
    d === shape.length ? values[offset]! : Array.from({ length: shape[d]! }, (_, i) => build(d + 1, shape[d] === 1 ? offset : i));
  return build(0, 0);
}

/**
 * Applies Keras' `preprocess_input` for a mode or an application.
 *
 * @param x  A `PixelArray` (from `imgToArray`) or a tfjs Tensor; HWC/NHWC or CHW/NCHW.
 * @param dataFormat  Defaults to `channels_last`, Keras' default `image_data_format()`.
 * @returns A new array/tensor of the same kind; the input is never modified.
 */
export function preprocessInput<T extends PixelArray | TensorLike>(
  x: T,
  options: PreprocessOptions,
  dataFormat: DataFormat = 'channels_last',
): T {
  const mode = resolveMode(options);
  assertDataFormat(dataFormat);
  if (isTensor(x)) return preprocessTensor(x, mode, dataFormat) as T;
  return preprocessPixels(x as PixelArray, mode, dataFormat) as T;
}

function preprocessPixels(x: PixelArray, mode: PreprocessMode, dataFormat: DataFormat): PixelArray {
  const src = x?.data as NumericArray | undefined;
  if (!x || !ArrayBuffer.isView(src) || !Array.isArray(x.shape)) {
    throw new TypeError('preprocessInput expects a PixelArray { data, shape } or a tfjs Tensor');
  }
  const shape = [...x.shape];
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== src.length) throw new RangeError(`shape [${shape}] does not match ${src.length} values`);

  // Integer input -> float32 (Keras' astype); float64 stays float64 like numpy.
  const wide = src instanceof Float64Array;
  const values: ArrayLike<number> = src instanceof BigInt64Array || src instanceof BigUint64Array ? Array.from(src, Number) : src;
  const out = wide ? Float64Array.from(values) : Float32Array.from(values);
  const round = wide ? (v: number) => v : Math.fround;
  if (mode === 'raw') return { data: out as Float32Array, shape };

  if (mode === 'tf') {
    for (let i = 0; i < out.length; i++) out[i] = round(round(out[i] / 127.5) - 1.0);
    return { data: out as Float32Array, shape };
  }

  const axis = assertThreeChannels(shape, mode, dataFormat, 'the array');
  const channels = shape[axis]!;
  // Element i has channel ((i / inner) % channels), where inner = product of dims after the axis.
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = size / (inner * channels);

  if (mode === 'torch') {
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        const start = (o * channels + c) * inner;
        for (let i = start; i < start + inner; i++) {
          let v = round(out[i] / 255.0);
          if (c < 3) v = round(round(v - round(TORCH_MEAN[c])) / round(TORCH_STD[c]));
          out[i] = v;
        }
      }
    }
    return { data: out as Float32Array, shape };
  }

  // caffe: reverse the channel axis (RGB -> BGR), then subtract the BGR means, no scaling.
  const res = wide ? new Float64Array(size) : new Float32Array(size);
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const from = (o * channels + (channels - 1 - c)) * inner;
      const to = (o * channels + c) * inner;
      const mean = c < 3 ? round(CAFFE_MEAN_BGR[c]) : 0;
      for (let i = 0; i < inner; i++) res[to + i] = c < 3 ? round(out[from + i] - mean) : out[from + i];
    }
  }
  return { data: res as Float32Array, shape };
}

function preprocessTensor(x: TensorLike, mode: PreprocessMode, dataFormat: DataFormat): TensorLike {
  const ops = tensorOps(x);
  const rank = x.shape.length;
  const axis = channelAxis(rank, dataFormat);
  // Keras' tensor path does not cast; an integer tensor would not survive `/=`, so cast like the numpy path.
  let t = x.dtype === 'float32' ? ops.clone(x) : ops.cast(x, 'float32');
  const step = (next: TensorLike): void => {
    t.dispose();
    t = next;
  };
  if (mode === 'raw') return t;
  if (mode === 'tf') {
    step(ops.div(t, 127.5));
    step(ops.sub(t, 1.0));
    return t;
  }
  // Keras' mean shape: (3, 1, 1) for a 3-D channels_first tensor, (1, 3, 1, ...) beyond,
  // (1, ..., 1, 3) for channels_last; std is (3, 1, 1) or (3,).
  const meanShape =
    dataFormat === 'channels_first' ? (rank === 3 ? [3, 1, 1] : [1, 3, ...Array(Math.max(0, rank - 2)).fill(1)]) : [...Array(Math.max(0, rank - 1)).fill(1), 3];
  if (mode === 'torch') {
    const stdShape = dataFormat === 'channels_first' ? [3, 1, 1] : [3];
    if (!broadcastable(x.shape, meanShape) || !broadcastable(x.shape, stdShape)) {
      t.dispose();
      throw new RangeError(`preprocess_input mode "torch" cannot broadcast the 3-channel mean/std over a tensor of shape [${x.shape}] (${dataFormat}; Keras raises here)`);
    }
    step(ops.div(t, 255.0));
    step(ops.sub(t, shaped(TORCH_MEAN, meanShape)));
    step(ops.div(t, shaped(TORCH_STD, stdShape)));
    return t;
  }
  try {
    assertThreeChannels(x.shape, mode, dataFormat, 'the tensor');
  } catch (err) {
    t.dispose();
    throw err;
  }
  // caffe keeps channels 2, 1, 0 only (Keras stacks those three).
  step(x.shape[axis] === 3 ? ops.reverse(t, axis) : ops.gather(t, [2, 1, 0], axis));
  step(ops.sub(t, shaped(CAFFE_MEAN_BGR, meanShape)));
  return t;
}
