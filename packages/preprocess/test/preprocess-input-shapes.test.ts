/**
 * preprocessInput on the shapes and dtypes at the edge of what Keras accepts (1-D and 2-D
 * arrays, 4-channel and 1-channel input, 64-bit integers), each checked against REAL Keras
 * (scripts/keras_preprocess_arrays.py): same float32 bits where Keras returns, a RangeError
 * where Keras raises.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { preprocessInput, type DataFormat, type PixelArray, type PreprocessMode } from '../src/index.js';
import { PYTHON, REPO_ROOT, sha256Of } from './helpers/keras.js';

type Kind = 'numpy' | 'tensor';
type Dtype = 'float32' | 'uint8' | 'int64';
interface ArrayCase {
  id: string;
  kind: Kind;
  dtype: Dtype;
  shape: number[];
  data: number[];
  mode: Exclude<PreprocessMode, 'raw'>;
  dataFormat: DataFormat;
}

const SHAPES = [[3], [5], [2, 3], [3, 2], [2, 4], [2, 2, 1], [2, 2, 3], [2, 2, 4], [3, 2, 2], [4, 2, 2], [1, 2, 2, 4], [1, 4, 2, 2], [1, 1, 2, 2]];
const cases: ArrayCase[] = [];
for (const kind of ['numpy', 'tensor'] as Kind[]) {
  for (const shape of SHAPES) {
    for (const mode of ['caffe', 'torch', 'tf'] as const) {
      for (const dataFormat of ['channels_last', 'channels_first'] as DataFormat[]) {
        const n = shape.reduce((a, b) => a * b, 1);
        const data = Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);
        cases.push({ id: `${kind} [${shape}] ${mode} ${dataFormat}`, kind, dtype: 'float32', shape, data, mode, dataFormat });
      }
    }
  }
}
for (const mode of ['caffe', 'torch', 'tf'] as const) {
  cases.push({ id: `numpy int64 [2,2,3] ${mode}`, kind: 'numpy', dtype: 'int64', shape: [2, 2, 3], data: [0, 1, 2, 250, 255, 3, 7, 128, 9, 64, 32, 16], mode, dataFormat: 'channels_last' });
  cases.push({ id: `numpy uint8 [3] ${mode}`, kind: 'numpy', dtype: 'uint8', shape: [3], data: [0, 128, 255], mode, dataFormat: 'channels_last' });
}

function keras(): Map<string, { sha256: string | null; shape: number[] | null; error: string | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'prepguard-arrays-'));
  writeFileSync(join(dir, 'cases.json'), JSON.stringify({ cases }));
  const run = spawnSync(PYTHON, [join(REPO_ROOT, 'scripts', 'keras_preprocess_arrays.py'), '--cases', join(dir, 'cases.json'), '--out', join(dir, 'out.json')], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`keras_preprocess_arrays.py failed:\n${run.stderr}`);
  const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { cases: Array<{ id: string; sha256: string | null; shape: number[] | null; error: string | null }> };
  return new Map(out.cases.map((c) => [c.id, c]));
}

function typed(c: ArrayCase): PixelArray {
  const data = c.dtype === 'int64' ? BigInt64Array.from(c.data, BigInt) : c.dtype === 'uint8' ? Uint8Array.from(c.data) : Float32Array.from(c.data);
  return { data: data as unknown as Float32Array, shape: c.shape };
}

function port(c: ArrayCase): { sha256: string; shape: number[] } {
  if (c.kind === 'numpy') {
    const out = preprocessInput(typed(c), { mode: c.mode }, c.dataFormat);
    return { sha256: sha256Of(out), shape: out.shape };
  }
  const t = tf.tensor(Float32Array.from(c.data), c.shape, 'float32');
  const out = preprocessInput(t, { mode: c.mode }, c.dataFormat);
  const result = { sha256: sha256Of({ data: out.dataSync() as Float32Array, shape: out.shape }), shape: out.shape };
  tf.dispose([t, out]);
  return result;
}

let reference: ReturnType<typeof keras>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  reference = keras();
}, 120_000);

test.each(cases.map((c) => [c.id, c] as const))('%s: same result as Keras', (_id, c) => {
  const k = reference.get(c.id)!;
  if (k.error !== null) {
    expect(() => port(c)).toThrow(RangeError);
  } else {
    expect(port(c)).toEqual({ sha256: k.sha256, shape: k.shape });
  }
});

test('the cases cover both outcomes: Keras returns for some shapes and raises for others', () => {
  const errors = [...reference.values()].filter((r) => r.error !== null).length;
  expect(errors).toBeGreaterThan(10);
  expect(reference.size - errors).toBeGreaterThan(10);
});
