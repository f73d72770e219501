import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelLoadError } from '../src/errors.js';
import { InferenceRunner, UnknownLayerError } from '../src/model/inference.js';
import { detectModelKind } from '../src/model/io.js';
import { loadModel, weightsSha256 } from '../src/model/load.js';
import { buildTinyModel, saveTinyModel, SIZE, tempDir } from './helpers/fixtures.js';

let dir: string;
let modelPath: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = tempDir();
  modelPath = await saveTinyModel(join(dir, 'tiny'));
});

test('a saved LayersModel loads from the file system, detected as layers, with the same weights hash', async () => {
  const loaded = await loadModel(modelPath);
  expect(loaded.kind).toBe('layers');
  expect(loaded.inputShape).toEqual([SIZE, SIZE, 3]);
  const original = buildTinyModel();
  expect(weightsSha256(loaded.model)).toBe(weightsSha256(original));
  expect(weightsSha256(loaded.model)).not.toBe(weightsSha256(buildTinyModel(8)));
});

test('the weights hash is SHA-256 over each layer\'s weights in order (kernel, bias) as float32 LE', () => {
  const model = buildTinyModel();
  const hash = createHash('sha256');
  for (const layer of model.layers) for (const w of layer.getWeights()) hash.update(Buffer.from((w.dataSync() as Float32Array).buffer));
  expect(weightsSha256(model)).toBe(hash.digest('hex'));
});

test('intermediate layer statistics come with the output, and identical inputs are inferred once', async () => {
  const loaded = await loadModel(modelPath);
  const runner = new InferenceRunner(loaded, ['block1_pool', 'block2_pool']);
  const input = new Float32Array(SIZE * SIZE * 3).map((_, i) => (i % 17) - 8);
  const a = runner.run(input, [SIZE, SIZE, 3]);
  expect(a.output).toHaveLength(10);
  expect(a.layers.block1_pool?.shape).toEqual([16, 16, 8]);
  expect(a.layers.block2_pool?.channelMean).toHaveLength(16);
  const b = runner.run(Float32Array.from(input), [SIZE, SIZE, 3]);
  expect(b).toBe(a);
  expect([runner.misses, runner.hits]).toEqual([1, 1]);
  expect(() => new InferenceRunner(loaded, ['block9_pool'])).toThrow(UnknownLayerError);
});

test('a missing weight shard is a ModelLoadError naming the shard', async () => {
  const broken = join(dir, 'missing-shard');
  await saveTinyModel(broken);
  rmSync(join(broken, 'group1-shard1of1.bin'));
  const error = await loadModel(join(broken, 'model.json')).catch((e) => e);
  expect(error).toBeInstanceOf(ModelLoadError);
  expect(error.file).toBe(join(broken, 'group1-shard1of1.bin'));
  expect(error.message).toContain('weight shard listed in');
});

test('a missing, truncated or foreign model.json is a ModelLoadError naming it', async () => {
  await expect(loadModel(join(dir, 'nowhere', 'model.json'))).rejects.toThrow(/model.json: model.json not found/);
  const truncated = join(dir, 'truncated');
  mkdirSync(truncated);
  writeFileSync(join(truncated, 'model.json'), readFileSync(modelPath, 'utf8').slice(0, 100));
  await expect(loadModel(join(truncated, 'model.json'))).rejects.toThrow(/is not valid JSON/);
  writeFileSync(join(truncated, 'other.json'), '{"name": "not a model"}');
  await expect(loadModel(join(truncated, 'other.json'))).rejects.toThrow(/not a TF.js model.json/);
});

test('a topology TF.js cannot build is a ModelLoadError', async () => {
  const bad = join(dir, 'bad-topology');
  mkdirSync(bad);
  writeFileSync(join(bad, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology: { class_name: 'NoSuchModel', config: {} }, weightsManifest: [] }));
  await expect(loadModel(join(bad, 'model.json'))).rejects.toThrow(ModelLoadError);
});

describe('GraphModel', () => {
  // A hand-written graph: out = Softmax(MatMul(x, w)), w = [[1, 2], [3, 4]].
  const graphJson = {
    format: 'graph-model',
    modelTopology: {
      node: [
        { name: 'x', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '-1' }, { size: '2' }] } } } },
        { name: 'dense/w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }, { size: '2' }] } } } } },
        { name: 'model/dense/MatMul', op: 'MatMul', input: ['x', 'dense/w'], attr: { T: { type: 'DT_FLOAT' }, transpose_a: { b: false }, transpose_b: { b: false } } },
        { name: 'out', op: 'Softmax', input: ['model/dense/MatMul'], attr: { T: { type: 'DT_FLOAT' } } },
      ],
      versions: { producer: 1 },
    },
    weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/w', shape: [2, 2], dtype: 'float32' }] }],
  };

  test('is detected, loaded, identified by its shard bytes, and layers resolve by Keras name', async () => {
    const gdir = join(dir, 'graph');
    mkdirSync(gdir);
    writeFileSync(join(gdir, 'model.json'), JSON.stringify(graphJson));
    const shard = Buffer.from(new Float32Array([1, 2, 3, 4]).buffer);
    writeFileSync(join(gdir, 'w.bin'), shard);
    expect(detectModelKind(graphJson)).toBe('graph');
    const loaded = await loadModel(join(gdir, 'model.json'));
    expect(loaded.kind).toBe('graph');
    expect(weightsSha256(loaded.model)).toBe(createHash('sha256').update(shard).digest('hex'));
    const runner = new InferenceRunner(loaded, ['dense']);
    const r = runner.run(new Float32Array([1, 0]), [2]);
    expect(Array.from(r.output).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
    expect(r.layers.dense?.channelMean).toEqual([1, 2]); // x·w = [1, 2]
  });
});
