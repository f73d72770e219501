/**
 * Every pipeline in examples/pipelines/ against Keras-made VGG16s and their Keras references: the
 * correct one passes, each mistake gets its verdict and the diagnosis code it is named after. The
 * seeded VGG16 runs on both backends the harness uses in Node (tfjs-node and wasm), which must agree
 * on every verdict and code, and on the model outputs within float32 precision; the trained VGG16
 * runs on the first of them (tfjs-node where it works).
 *
 * Inference is the expensive step (about a second per image on wasm, a third of that on tfjs-node),
 * so each example runs on the golden images that exercise its mistake: normalization mistakes hit
 * every image alike, so one photo suffices; decode mistakes need the images that carry an ICC
 * profile, an EXIF orientation or transparency, plus one image without it that must still pass.
 * The harness caches inference per model and input, so images whose input equals the Keras input
 * cost no second inference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../src/backend.js';
import { runCheck } from '../src/check/run-check.js';
import type { CheckReport, ImageStatus } from '../src/check/types.js';
import { DIAGNOSIS_CODES } from '../src/diagnosis/codes.js';
import { kerasInput } from '../src/input/keras-input.js';
import { InferenceRunner } from '../src/model/inference.js';
import { loadModel, type LoadedModel } from '../src/model/load.js';
import { readReference } from '../src/reference/validate.js';
import { backendsUnderTest, requiredBackends, type TestBackend } from './helpers/backends.js';
import { kerasTrainedVgg16, kerasVgg16, REPO_ROOT, type KerasTestModel } from './helpers/models.js';

const PIPELINES = join(REPO_ROOT, 'examples/pipelines');
/** Normalization mistakes act on every image alike; one photo shows them. */
const PHOTOS = ['chelsea.png'];
/** Per example: inference dominates, and the mistaken inputs are all different. */
const EXAMPLE_TIMEOUT_MS = 10 * 60_000;

interface Expectation {
  /** Golden file -> the verdicts it may get and the diagnosis it must get (null: none). */
  images: Record<string, { status: ImageStatus[]; code: string | null }>;
}

const fail = (code: string) => ({ status: ['fail'] as ImageStatus[], code });
const failOrWarn = (code: string) => ({ status: ['fail', 'warn'] as ImageStatus[], code });
const pass = { status: ['pass'] as ImageStatus[], code: null };
const onPhotos = (verdict: { status: ImageStatus[]; code: string | null }) => Object.fromEntries(PHOTOS.map((file) => [file, verdict]));

/** One entry per file in examples/pipelines/ (checked below, so a new example cannot be forgotten). */
const EXPECTED: Record<string, Expectation> = {
  'correct.ts': {
    images: Object.fromEntries(
      ['chelsea.png', 'rocket.jpg', 'exif-orientation-6.jpg', 'rgba-alpha-ramp.png', 'wide-20to1.png', 'grayscale.jpg'].map((f) => [f, pass]),
    ),
  },
  'unit-scaling.ts': { images: onPhotos(fail('unit-scaling')) },
  'symmetric-scaling.ts': { images: onPhotos(fail('symmetric-scaling')) },
  'torch-normalization.ts': { images: onPhotos(fail('torch-normalization')) },
  'raw-pixels.ts': { images: onPhotos(fail('raw-pixels')) },
  'caffe-without-bgr.ts': { images: onPhotos(fail('caffe-without-bgr')) },
  'channel-order.ts': { images: onPhotos(fail('channel-order')) },
  'double-preprocessing.ts': { images: onPhotos(fail('double-preprocessing')) },
  'scaled-then-mean.ts': { images: onPhotos(fail('scaled-then-mean')) },
  'layout.ts': { images: onPhotos(fail('layout')) },
  'resize-crop.ts': { images: { 'chelsea.png': failOrWarn('resize-crop'), 'wide-20to1.png': failOrWarn('resize-crop') } },
  'resize-filter.ts': { images: { 'chelsea.png': failOrWarn('resize-filter'), 'coffee.png': failOrWarn('resize-filter') } },
  // The unaffected images were checked with correct.ts first: their inference is cached.
  'icc-conversion.ts': { images: { 'rocket.jpg': fail('icc-conversion'), 'wide-20to1.png': pass } },
  'exif-orientation.ts': {
    images: { 'exif-orientation-6.jpg': fail('exif-orientation'), 'exif-orientation-8.jpg': fail('exif-orientation'), 'chelsea.png': pass },
  },
  'alpha-composited.ts': {
    images: { 'rgba-alpha-ramp.png': fail('alpha-composited'), 'palette-trns.png': fail('alpha-composited'), 'chelsea.png': pass },
  },
};

/**
 * How closely two float32 backends must agree on the same input: probabilities within the harness's
 * float32 `top1TieMargin`, `block5_pool` statistics within its float32 floor for `layerRelError`
 * (packages/harness/src/compare/tolerance.ts).
 */
const FLOAT32_PROBABILITY_ABS = 1e-5;
const FLOAT32_LAYER_REL = 1e-4;

const BACKENDS = backendsUnderTest();
let keras: KerasTestModel;
/** One model per backend: its weights live there, and the inference cache is per model. */
const models = new Map<TestBackend, LoadedModel>();
/** backend -> example file -> report. */
const reports = new Map<TestBackend, Map<string, CheckReport>>();

beforeAll(async () => {
  keras = await kerasVgg16();
}, 15 * 60_000);

afterAll(() => {
  for (const loaded of models.values()) (loaded.model as tf.LayersModel).dispose();
});

/**
 * The same expectations on two VGG16s: seeded random weights (on every backend), and trained ones
 * (HED's backbone, fine-tuned from ImageNet on BSDS500), because whether a mistake shows up as
 * feature drift depends on the filters. The trained model's reference records block1_pool …
 * block5_pool, and the default tolerances are calibrated so that every catalogued mistake fails on
 * it (docs/trained-model.md): no warn.
 */
interface Run {
  model: 'seeded' | 'trained';
  backend: TestBackend;
  strict: boolean;
}
const RUNS: Array<[string, Run]> = [
  ...BACKENDS.map((backend): [string, Run] => [`seeded VGG16 on ${backend}`, { model: 'seeded', backend, strict: false }]),
  [`trained VGG16 (HED BSDS500) on ${BACKENDS[0]}`, { model: 'trained', backend: BACKENDS[0]!, strict: true }],
];

test('every example pipeline has an expectation, and every diagnosis code but unknown has an example', () => {
  const files = readdirSync(PIPELINES).filter((name) => name.endsWith('.ts')).sort();
  expect(files).toEqual(Object.keys(EXPECTED).sort());
  const codes = new Set(Object.values(EXPECTED).flatMap((e) => Object.values(e.images).map((i) => i.code)));
  expect(DIAGNOSIS_CODES.filter((code) => code !== 'unknown' && !codes.has(code))).toEqual([]);
});

describe.each(RUNS)('on the %s', (_name, run) => {
  const { backend, strict } = run;
  let testModel: KerasTestModel;
  let loaded: LoadedModel;

  beforeAll(async () => {
    await chooseBackend({ preferred: backend });
    testModel = run.model === 'trained' ? await kerasTrainedVgg16() : keras;
    loaded = await loadModel(testModel.modelJson);
    if (run.model === 'seeded') {
      models.set(backend, loaded);
      reports.set(backend, new Map());
    }
  }, 15 * 60_000);

  afterAll(() => {
    if (run.model === 'trained') (loaded?.model as tf.LayersModel | undefined)?.dispose();
  });

  describe.each(Object.entries(EXPECTED))('examples/pipelines/%s', (file, expectation) => {
    const codes = [...new Set(Object.values(expectation.images).map((i) => i.code ?? 'pass'))].join(', ');
    test(`gets ${codes}`, async () => {
      const only = Object.keys(expectation.images);
      const report = await runCheck({
        pipeline: join(PIPELINES, file),
        model: loaded.model,
        reference: testModel.reference,
        images: testModel.images,
        only,
      });
      expect(report.backend).toBe(backend);
      if (run.model === 'seeded') reports.get(backend)!.set(file, report);
      const got = report.images.map((image) => ({
        file: image.file,
        status: image.status,
        code: image.diagnosis?.code ?? null,
        ...(image.error ? { error: image.error.message } : {}),
      }));
      const allowed = (image: string) => {
        const status = expectation.images[image]!.status;
        return strict && status.includes('fail') ? ['fail'] : status;
      };
      const expected = only.map((image) => ({
        file: image,
        status: expect.stringMatching(new RegExp(`^(${allowed(image).join('|')})$`)),
        code: expectation.images[image]!.code,
      }));
      expect(got).toEqual(expected);
      const verdicts = Object.values(expectation.images);
      if (verdicts.every((i) => i.status.includes('pass'))) expect(report.ok).toBe(true);
      if (verdicts.some((i) => i.status.length === 1 && i.status[0] === 'fail')) expect(report.ok).toBe(false);
    }, EXAMPLE_TIMEOUT_MS);
  });
});

describe('across backends', () => {
  test('the suite ran on tfjs-node and wasm (tfjs-node is required in CI)', () => {
    expect([...reports.keys()].sort()).toEqual(requiredBackends().sort());
    for (const byFile of reports.values()) expect([...byFile.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test('every example gets the same verdicts and diagnosis codes on every backend', () => {
    const verdicts = (backend: TestBackend) =>
      Object.fromEntries(
        [...reports.get(backend)!].map(([file, report]) => [file, report.images.map((i) => `${i.file}: ${i.status} ${i.diagnosis?.code ?? '-'}`)]),
      );
    const [first, ...others] = BACKENDS;
    for (const other of others) expect(verdicts(other)).toEqual(verdicts(first!));
  });

  test('the same Keras-exact inputs give the same outputs on every backend, within float32 precision', async () => {
    const reference = readReference(keras.reference);
    const files = Object.keys(EXPECTED['correct.ts']!.images);
    let maxProbabilityDiff = 0;
    let maxLayerRelDiff = 0;
    for (const file of files) {
      const input = await kerasInput(readFileSync(join(keras.images, file)), reference.preprocessing, file);
      const results = [];
      for (const backend of BACKENDS) {
        await chooseBackend({ preferred: backend });
        // Cached from the examples above: correct.ts fed these very inputs.
        results.push(new InferenceRunner(models.get(backend)!, ['block5_pool']).run(input.data, input.shape));
      }
      const [first, ...others] = results;
      for (const other of others) {
        first!.output.forEach((p, i) => (maxProbabilityDiff = Math.max(maxProbabilityDiff, Math.abs(p - other.output[i]!))));
        const a = first!.layers.block5_pool!;
        const b = other.layers.block5_pool!;
        for (const stat of ['mean', 'std', 'l2'] as const) {
          maxLayerRelDiff = Math.max(maxLayerRelDiff, Math.abs(a[stat] - b[stat]) / Math.max(Math.abs(a[stat]), 1e-12));
        }
      }
    }
    console.log(`${BACKENDS.join(' vs ')} on ${files.length} images: probabilities max abs diff ${maxProbabilityDiff.toExponential(2)}, block5_pool stats max rel diff ${maxLayerRelDiff.toExponential(2)}`);
    expect(maxProbabilityDiff).toBeLessThanOrEqual(FLOAT32_PROBABILITY_ABS);
    expect(maxLayerRelDiff).toBeLessThanOrEqual(FLOAT32_LAYER_REL);
  }, 5 * 60_000);
});
