/**
 * End to end with real Keras: scripts/record_reference.py builds the VGG16 test model in Keras,
 * records its reference on the golden images and exports it to TF.js; the harness then checks
 * TypeScript pipelines against that reference with the exported model.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/backend.js';
import { runCheck } from '../src/check/run-check.js';
import { InferenceRunner } from '../src/model/inference.js';
import { loadModel, weightsSha256, type LoadedModel } from '../src/model/load.js';
import type { Reference } from '../src/reference/types.js';
import { pipeline as correct } from '../../../examples/pipelines/correct.js';
import { pipeline as unitScaling } from '../../../examples/pipelines/unit-scaling.js';
import { kerasVgg16, PYTHON, REPO_ROOT, type KerasTestModel } from './helpers/models.js';

const run = promisify(execFile);

/** Images for the /255 check: photos, grayscale, alpha, extreme aspect ratios. */
const UNIT_SCALING_IMAGES = ['chelsea.png', 'coffee.png', 'rocket.jpg', 'camera.png', 'grayscale.jpg', 'wide-20to1.png'];

/** Generous: inference is ~1 s per image on wasm, many times that on a busy machine. */
const TIMEOUT_MS = 10 * 60_000;

let keras: KerasTestModel;
let reference: Reference;
let loaded: LoadedModel;

beforeAll(async () => {
  await selectBackend();
  keras = await kerasVgg16();
  reference = JSON.parse(readFileSync(keras.reference, 'utf8')) as Reference;
  loaded = await loadModel(keras.modelJson);
}, 15 * 60_000);

afterAll(() => {
  loaded?.model.dispose();
});

describe('Keras → TF.js export (scripts/record_reference.py --export-tfjs)', () => {
  test('TF.js loads the exported topology as the VGG16 layer graph', () => {
    const model = loaded.model as tf.LayersModel;
    expect(loaded.kind).toBe('layers');
    expect(loaded.inputShape).toEqual([224, 224, 3]);
    const names = model.layers.map((layer) => layer.name);
    expect(names).toEqual(expect.arrayContaining(['block1_conv1', 'block3_conv3', 'block5_conv3', 'block5_pool', 'predictions']));
    expect(names.filter((name) => /^block\d_conv\d$/.test(name))).toHaveLength(13);
    expect(model.outputs[0]!.shape).toEqual([null, 1000]);
  });

  test('the TF.js weights are byte-identical to the Keras weights the reference names', () => {
    expect(weightsSha256(loaded.model)).toBe(reference.model.weightsSha256);
  });

  test('TF.js reproduces Keras on the Keras inputs of every golden image', async () => {
    const inputs = await kerasInputs(reference.images.map((image) => image.file));
    const runner = new InferenceRunner(loaded, ['block5_pool']);
    let maxProbabilityAbs = 0;
    let maxProbabilityRel = 0;
    let maxStatRel = 0;
    let maxChannelMeanAbs = 0;
    for (const image of reference.images) {
      const { output, layers } = runner.run(inputs.get(image.file)!, [224, 224, 3]);
      const top1 = output.indexOf(Math.max(...output));
      expect({ file: image.file, top1 }).toEqual({ file: image.file, top1: image.topK[0]!.index });
      for (const { index, probability } of image.topK) {
        const diff = Math.abs(output[index]! - probability);
        maxProbabilityAbs = Math.max(maxProbabilityAbs, diff);
        maxProbabilityRel = Math.max(maxProbabilityRel, diff / probability);
      }
      const kerasStats = image.layers.block5_pool!;
      const tfjsStats = layers.block5_pool!;
      expect(tfjsStats.shape).toEqual(kerasStats.shape);
      for (const key of ['mean', 'std', 'l2', 'max'] as const) {
        maxStatRel = Math.max(maxStatRel, Math.abs(tfjsStats[key] - kerasStats[key]) / Math.abs(kerasStats[key]));
      }
      tfjsStats.channelMean.forEach((value, c) => {
        maxChannelMeanAbs = Math.max(maxChannelMeanAbs, Math.abs(value - kerasStats.channelMean[c]!));
      });
    }
    console.info(
      `Keras vs TF.js (${reference.images.length} golden images): probabilities max abs ${maxProbabilityAbs.toExponential(2)}, ` +
        `max rel ${maxProbabilityRel.toExponential(2)}; block5_pool mean/std/l2/max max rel ${maxStatRel.toExponential(2)}, ` +
        `channel means max abs ${maxChannelMeanAbs.toExponential(2)}`,
    );
    expect(maxProbabilityAbs).toBeLessThan(1e-4);
    expect(maxProbabilityRel).toBeLessThan(1e-3);
    expect(maxStatRel).toBeLessThan(1e-4);
    expect(maxChannelMeanAbs).toBeLessThan(1e-4);
  }, TIMEOUT_MS);

  test('the seeded model reacts to preprocessing: top-1 differs across the golden images', () => {
    const classes = new Set(reference.images.map((image) => image.topK[0]!.index));
    expect(classes.size).toBeGreaterThanOrEqual(8);
  });
});

describe('Keras reference → harness', () => {
  test('the correct pipeline (examples/pipelines/correct.ts) passes on every golden image', async () => {
    const report = await runCheck({ pipeline: correct, model: loaded.model, reference: keras.reference, images: keras.images });
    const notPassing = report.images.filter((image) => image.status !== 'pass').map((image) => `${image.file}: ${image.status} ${image.problems.join('; ')}`);
    expect(notPassing).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.images).toHaveLength(reference.images.length);
  }, TIMEOUT_MS);

  test('the /255 pipeline (examples/pipelines/unit-scaling.ts) fails with diagnosis unit-scaling', async () => {
    const report = await runCheck({
      pipeline: unitScaling,
      model: loaded.model,
      reference: keras.reference,
      images: keras.images,
      only: UNIT_SCALING_IMAGES,
    });
    expect(report.ok).toBe(false);
    expect(report.images.map((image) => [image.file, image.status, image.diagnosis?.code])).toEqual(
      UNIT_SCALING_IMAGES.map((file) => [file, 'fail', 'unit-scaling']),
    );
    const top1Changed = report.images.filter((image) => image.top1 && !image.top1.pass).length;
    expect(top1Changed).toBeGreaterThanOrEqual(UNIT_SCALING_IMAGES.length / 2);
  }, TIMEOUT_MS);
});

/** The Keras-made model inputs (load_img → img_to_array → vgg16.preprocess_input), by file name. */
async function kerasInputs(files: string[]): Promise<Map<string, Float32Array>> {
  const dir = mkdtempSync(join(tmpdir(), 'prepguard-keras-inputs-'));
  try {
    const cases = files.map((file) => ({ id: file, image: join(keras.images, file), targetSize: [224, 224], model: 'vgg16' }));
    writeFileSync(join(dir, 'cases.json'), JSON.stringify({ cases }));
    await run(PYTHON, ['scripts/keras_inputs.py', '--cases', join(dir, 'cases.json'), '--out', join(dir, 'out.json'), '--buffers', dir], {
      cwd: REPO_ROOT,
    });
    const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { cases: { id: string; buffer: string | null; error: string | null }[] };
    const inputs = new Map<string, Float32Array>();
    for (const entry of result.cases) {
      if (entry.buffer === null) throw new Error(`Keras could not preprocess ${entry.id}: ${entry.error}`);
      const bytes = readFileSync(join(dir, entry.buffer));
      inputs.set(entry.id, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    }
    return inputs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
