/**
 * Every pipeline in examples/browser-pipelines/ run in real headless Chromium against the
 * Keras-made VGG16 and its Keras reference: the correct one passes on the images that carry an
 * EXIF orientation, an ICC profile or transparency; each browser mistake gets its verdict and the
 * diagnosis code, replayed in the same browser. One Chromium for the file; each example runs on the
 * few golden images that exercise it (inference is cached per input across examples).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/backend.js';
import { launchChromium, type RunningBrowser } from '../src/browser/chromium.js';
import { runCheck } from '../src/check/run-check.js';
import type { ImageStatus } from '../src/check/types.js';
import { main, type CliIo } from '../src/cli.js';
import { loadModel, type LoadedModel } from '../src/model/load.js';
import { kerasVgg16, REPO_ROOT, type KerasTestModel } from './helpers/models.js';

const PIPELINES = join(REPO_ROOT, 'examples/browser-pipelines');
const EXAMPLE_TIMEOUT_MS = 5 * 60_000;

/** `also`: further mistakes found in the same input (the <img> drawn on the canvas is colour-managed). */
type Verdict = { status: ImageStatus[]; code: string | null; variant?: RegExp; also?: string[] };
const pass: Verdict = { status: ['pass'], code: null };
const fail = (code: string, variant: RegExp): Verdict => ({ status: ['fail'], code, variant });

/** One entry per example (checked below). Golden files → verdict and diagnosis. */
const EXPECTED: Record<string, Record<string, Verdict>> = {
  'correct.ts': { 'chelsea.png': pass, 'exif-orientation-6.jpg': pass, 'rocket.jpg': pass, 'rgba-alpha-ramp.png': pass },
  'exif-orientation.ts': {
    'exif-orientation-6.jpg': fail('exif-orientation', /EXIF orientation 6 \(the browser's decode/),
    'exif-orientation-8.jpg': fail('exif-orientation', /EXIF orientation 8 \(the browser's decode/),
    'chelsea.png': pass,
  },
  'icc-conversion.ts': { 'rocket.jpg': fail('icc-conversion', /the browser's default/), 'chelsea.png': pass },
  'canvas-alpha.ts': {
    'rgba-alpha-ramp.png': fail('alpha-composited', /premultiplied by a 2D canvas/),
    'palette-trns.png': fail('alpha-composited', /premultiplied by a 2D canvas/),
    'chelsea.png': pass,
  },
  'canvas-resize.ts': {
    'chelsea.png': { status: ['fail', 'warn'], code: 'resize-filter', variant: /canvas drawImage/, also: [] },
    'rocket.jpg': { status: ['fail', 'warn'], code: 'resize-filter', variant: /canvas drawImage/, also: ['icc-conversion'] },
  },
};

let keras: KerasTestModel;
let loaded: LoadedModel;
let browser: RunningBrowser;

beforeAll(async () => {
  await selectBackend();
  [keras, browser] = await Promise.all([kerasVgg16(), launchChromium()]);
  loaded = await loadModel(keras.modelJson);
}, 15 * 60_000);

afterAll(async () => {
  (loaded?.model as tf.LayersModel | undefined)?.dispose();
  await browser?.close();
});

test('every browser example has an expectation', () => {
  const files = readdirSync(PIPELINES).filter((name) => name.endsWith('.ts')).sort();
  expect(files).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(Object.entries(EXPECTED))('examples/browser-pipelines/%s in Chromium', (file, images) => {
  const codes = [...new Set(Object.values(images).map((i) => i.code ?? 'pass'))].join(', ');
  test(`gets ${codes}`, async () => {
    const only = Object.keys(images);
    const report = await runCheck({ pipeline: join(PIPELINES, file), environment: 'browser', browser, model: loaded.model, reference: keras.reference, images: keras.images, only });
    const got = report.images.map((image) => ({
      file: image.file,
      status: image.status,
      code: image.diagnosis?.code ?? null,
      ...(image.diagnosis ? { variant: image.diagnosis.variant, exact: image.diagnosis.exact, also: image.diagnosis.also.map((f) => f.code) } : {}),
      ...(image.error ? { error: image.error.message } : {}),
    }));
    const expected = only.map((image) => {
      const v = images[image]!;
      return {
        file: image,
        status: expect.stringMatching(new RegExp(`^(${v.status.join('|')})$`)),
        code: v.code,
        // The browser's replay reproduces the pipeline's input exactly.
        ...(v.variant ? { variant: expect.stringMatching(v.variant), exact: true, also: v.also ?? [] } : {}),
      };
    });
    expect(got).toEqual(expected);
    if (file !== 'correct.ts') {
      const fix = report.images.find((image) => image.diagnosis)?.diagnosis?.fix ?? '';
      expect(fix).toMatch(/createImageBitmap|EXIF|resizeImage|WebGL/);
    }
  }, EXAMPLE_TIMEOUT_MS);
});

describe('prepguard check --browser without a browser', () => {
  function io(): CliIo & { out: string; err: string } {
    const sink = { out: '', err: '' } as CliIo & { out: string; err: string };
    sink.stdout = { write: (s: string) => (sink.out += s) };
    sink.stderr = { write: (s: string) => (sink.err += s) };
    return sink;
  }
  const saved = { chromium: process.env.PREPGUARD_CHROMIUM, ci: process.env.CI };
  afterEach(() => {
    for (const [name, value] of [['PREPGUARD_CHROMIUM', saved.chromium], ['CI', saved.ci]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const args = () => ['check', '--browser', '--pipeline', join(PIPELINES, 'correct.ts'), '--model', keras.modelJson, '--reference', keras.reference, '--images', keras.images];

  test('is skipped with the reason and exit 0 outside CI', async () => {
    process.env.PREPGUARD_CHROMIUM = '/nonexistent/chromium';
    delete process.env.CI;
    const t = io();
    expect(await main(args(), t)).toBe(0);
    expect(t.err).toMatch(/skipped, no headless browser \(PREPGUARD_CHROMIUM=\/nonexistent\/chromium is not an executable file\)\. Install Chromium \(apt-get install chromium\)/);
    expect(t.out).toBe('');
  });

  test('is an error (exit 2, BrowserUnavailableError) under CI', async () => {
    process.env.PREPGUARD_CHROMIUM = '/nonexistent/chromium';
    process.env.CI = 'true';
    const t = io();
    expect(await main(args(), t)).toBe(2);
    expect(t.err).toMatch(/BrowserUnavailableError: No headless browser for the browser check/);
  }, 60_000);
});
