/**
 * preprocessInput beyond the Keras comparisons: the tfjs tensor path gives the same bits as the
 * typed-array path, inputs are never mutated, integer input is cast, bad input is refused.
 */
import * as tf from '@tensorflow/tfjs';
import {
  KERAS_APPLICATION_NAMES,
  KERAS_APPLICATIONS,
  imgToArray,
  preprocessInput,
  preprocessMode,
  type DataFormat,
  type PixelArray,
  type PreprocessMode,
} from '../src/index.js';
import { Random } from './helpers/random.js';

const rng = new Random(20240611);

/** A random 0..255 image as img_to_array would give it. */
function randomPixels(h: number, w: number, c: number, dataFormat: DataFormat = 'channels_last'): PixelArray {
  const data = new Uint8Array(h * w * c).map(() => rng.int(0, 255));
  return imgToArray({ width: w, height: h, channels: c, data }, { dataFormat });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each<[PreprocessMode, DataFormat]>([
  ['caffe', 'channels_last'],
  ['caffe', 'channels_first'],
  ['tf', 'channels_last'],
  ['tf', 'channels_first'],
  ['torch', 'channels_last'],
  ['torch', 'channels_first'],
  ['raw', 'channels_last'],
])('mode %s, %s', (mode, dataFormat) => {
  test('a tfjs tensor gives the same float32 bits as the typed-array path (3-D and batched 4-D)', () => {
    const x = randomPixels(17, 23, 3, dataFormat);
    const expected = preprocessInput(x, { mode }, dataFormat);
    const t = tf.tensor(x.data, x.shape, 'float32');
    const out = preprocessInput(t, { mode }, dataFormat);
    expect(out.shape).toEqual(expected.shape);
    expect(Buffer.from((out.dataSync() as Float32Array).buffer)).toEqual(Buffer.from(expected.data.buffer));

    const batch = { data: x.data, shape: [1, ...x.shape] };
    const expectedBatch = preprocessInput(batch, { mode }, dataFormat);
    const batched = preprocessInput(tf.tensor(x.data, batch.shape, 'float32'), { mode }, dataFormat);
    expect(Buffer.from((batched.dataSync() as Float32Array).buffer)).toEqual(Buffer.from(expectedBatch.data.buffer));
    // The batch axis does not change per-pixel results.
    expect(Buffer.from(expectedBatch.data.buffer)).toEqual(Buffer.from(expected.data.buffer));
    tf.dispose([t, out, batched]);
  });

  test('never mutates its input (Keras modifies float numpy arrays in place; we do not)', () => {
    const x = randomPixels(5, 7, 3, dataFormat);
    const before = Float32Array.from(x.data);
    const shape = [...x.shape];
    const out = preprocessInput(x, { mode }, dataFormat);
    expect(out.data).not.toBe(x.data);
    expect(x.data).toEqual(before);
    expect(x.shape).toEqual(shape);

    const t = tf.tensor(before, shape);
    const tOut = preprocessInput(t, { mode }, dataFormat);
    expect(tOut).not.toBe(t);
    expect(t.dataSync()).toEqual(before);
    tf.dispose([t, tOut]);
  });
});

test('an int32 tensor is cast to float32 first, like integer numpy input', () => {
  const x = randomPixels(4, 4, 3);
  const asInt = tf.tensor(Int32Array.from(x.data), x.shape, 'int32');
  const out = preprocessInput(asInt, { mode: 'torch' });
  expect(out.dtype).toBe('float32');
  expect(Buffer.from((out.dataSync() as Float32Array).buffer)).toEqual(
    Buffer.from(preprocessInput(x, { mode: 'torch' }).data.buffer),
  );
  tf.dispose([asInt, out]);
});

test('integer typed-array input is cast to float32 (astype), not rejected', () => {
  const x = randomPixels(3, 3, 3);
  const ints: PixelArray = { data: Uint8Array.from(x.data) as unknown as Float32Array, shape: x.shape };
  const out = preprocessInput(ints, { mode: 'caffe' });
  expect(out.data).toBeInstanceOf(Float32Array);
  expect(out.data).toEqual(preprocessInput(x, { mode: 'caffe' }).data);
});

test('tf mode maps 0 and 255 to exactly -1 and 1; caffe is BGR minus means without scaling', () => {
  const x: PixelArray = { data: Float32Array.from([0, 128, 255]), shape: [1, 1, 3] };
  expect(Array.from(preprocessInput(x, { mode: 'tf' }).data)).toEqual([-1, Math.fround(Math.fround(128 / 127.5) - 1), 1]);
  const caffe = preprocessInput(x, { mode: 'caffe' }).data;
  // Channel 0 is the input's last channel (B) minus the B mean, and so on.
  expect(caffe[0]).toBe(Math.fround(255 - Math.fround(103.939)));
  expect(caffe[2]).toBe(Math.fround(0 - Math.fround(123.68)));
});

test('{ model } uses the mode listed in KERAS_APPLICATIONS', () => {
  const x = randomPixels(3, 3, 3);
  for (const model of KERAS_APPLICATION_NAMES) {
    expect(preprocessInput(x, { model }).data).toEqual(preprocessInput(x, { mode: KERAS_APPLICATIONS[model] }).data);
  }
  expect(preprocessMode('vgg16')).toBe('caffe');
  expect(preprocessMode('densenet121')).toBe('torch');
  expect(preprocessMode('efficientnet_b0')).toBe('raw');
});

test('bad arguments are refused with a clear error', () => {
  const x = randomPixels(2, 2, 3);
  expect(() => preprocessInput(x, { mode: 'scale' as PreprocessMode })).toThrow(/mode/);
  expect(() => preprocessInput(x, { model: 'alexnet' as never })).toThrow(/Unknown Keras application "alexnet"/);
  expect(() => preprocessInput(x, { mode: 'tf' }, 'nhwc' as DataFormat)).toThrow(/data_format/);
  // caffe/torch index three channels, as Keras does (it raises IndexError on grayscale input).
  expect(() => preprocessInput(randomPixels(2, 2, 1), { mode: 'caffe' })).toThrow(/3 channels/);
  expect(() => preprocessInput({ data: new Float32Array(5), shape: [2, 2, 1] }, { mode: 'tf' })).toThrow(/shape/);
});
