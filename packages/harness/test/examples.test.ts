/**
 * Every pipeline in examples/pipelines/ against Keras-made VGG16s and their Keras references: the
 * correct one passes, each mistake gets its verdict and the diagnosis code it is named after.
 *
 * Inference is the expensive step (about a second per image on wasm), so each example runs on the
 * golden images that exercise its mistake: normalization mistakes hit every image alike, so one
 * photo suffices; decode mistakes need the images that carry an ICC profile, an EXIF orientation
 * or transparency, plus one image without it that must still pass. The harness caches inference
 * per model and input, so images whose input equals the Keras input cost no second inference.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/backend.js';
import { runCheck } from '../src/check/run-check.js';
import type { ImageStatus } from '../src/check/types.js';
import { DIAGNOSIS_CODES } from '../src/diagnosis/codes.js';
import { loadModel, type LoadedModel } from '../src/model/load.js';
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
 * The same expectations on two VGG16s: seeded random weights, and trained ones (HED's backbone,
 * fine-tuned from ImageNet on BSDS500), because whether a mistake shows up as feature drift depends
 * on the filters.
 */
const MODELS: Array<[string, () => Promise<KerasTestModel>, { strict: boolean }]> = [
  ['seeded VGG16', () => kerasVgg16(), { strict: false }],
  // Its reference records block1_pool … block5_pool, and the default tolerances are calibrated so
  // that every catalogued mistake fails on every block-recorded model (docs/trained-model.md): no warn.
  ['trained VGG16 (HED BSDS500)', kerasTrainedVgg16, { strict: true }],
];

beforeAll(async () => {
  await selectBackend();
}, 60_000);

test('every example pipeline has an expectation, and every diagnosis code but unknown has an example', () => {
  const files = readdirSync(PIPELINES).filter((name) => name.endsWith('.ts')).sort();
  expect(files).toEqual(Object.keys(EXPECTED).sort());
  const codes = new Set(Object.values(EXPECTED).flatMap((e) => Object.values(e.images).map((i) => i.code)));
  expect(DIAGNOSIS_CODES.filter((code) => code !== 'unknown' && !codes.has(code))).toEqual([]);
});

describe.each(MODELS)('on the %s', (_name, makeModel, { strict }) => {
  let keras: KerasTestModel;
  let loaded: LoadedModel;

  beforeAll(async () => {
    keras = await makeModel();
    loaded = await loadModel(keras.modelJson);
  }, 15 * 60_000);

  afterAll(() => {
    (loaded?.model as tf.LayersModel | undefined)?.dispose();
  });

  describe.each(Object.entries(EXPECTED))('examples/pipelines/%s', (file, expectation) => {
    const codes = [...new Set(Object.values(expectation.images).map((i) => i.code ?? 'pass'))].join(', ');
    test(`gets ${codes}`, async () => {
      const only = Object.keys(expectation.images);
      const report = await runCheck({
        pipeline: join(PIPELINES, file),
        model: loaded.model,
        reference: keras.reference,
        images: keras.images,
        only,
      });
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
