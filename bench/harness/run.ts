/**
 * `npm run bench:harness`: where the time of a harness check goes, per golden image, and what the
 * backend choice costs, in one run.
 *
 * - Inference per image on each TF.js backend Node offers, side by side: tfjs-node (native
 *   TensorFlow), wasm and the pure-JS CPU backend, same model, same images, each through a full
 *   harness check of examples/pipelines/correct.ts. The CPU backend is ~50× slower than wasm, so it
 *   runs on the first BENCH_CPU_IMAGES images only (default 1).
 * - Per image, from the harness's own timings (`ImageResult.timings`) on the fastest backend: the
 *   Keras-exact input (decode + resize + normalize with @prepguard/preprocess), the user pipeline,
 *   inference, comparison and diagnosis.
 * - Harness overhead = everything the harness adds around inference (Keras input + comparison +
 *   diagnosis), per backend; the budget is ≤ 10% of inference. The user pipeline is reported apart:
 *   it is the code under test, not the harness.
 *
 * Uses the demo's seeded VGG16 (no Python needed; cached in ~/.cache/prepguard).
 */
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { chooseBackend, InferenceRunner, loadModel, runCheck, type CheckReport, type ImageResult } from '@prepguard/harness';
import { prepareDemoModel, ROOT } from '../../examples/demo/demo-model.js';

/**
 * Different sizes and formats, each giving a distinct model input (the harness caches inference by
 * input, so two images with the same pixels would time one inference): PNG photos, a palette PNG
 * with transparency, an Adobe RGB JPEG, an EXIF JPEG and a 3600×2400 JPEG.
 */
const IMAGES = ['chelsea.png', 'coffee.png', 'palette-trns.png', 'rocket.jpg', 'exif-orientation-6.jpg', 'large-3600x2400.jpg'];
const CPU_IMAGES = Number(process.env.BENCH_CPU_IMAGES ?? 1);
const BACKENDS = [
  { name: 'tensorflow', label: 'tfjs-node' },
  { name: 'wasm', label: 'wasm' },
  { name: 'cpu', label: 'cpu' },
] as const;

const ms = (v: number) => v.toFixed(v < 10 ? 2 : 0);

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => console.log(line(r)));
}

async function main(): Promise<void> {
  // The demo model is built (and its reference recorded) on the fastest backend, the first time only.
  await chooseBackend();
  const entry = await prepareDemoModel(IMAGES);
  const pipeline = join(ROOT, 'examples/pipelines/correct.ts');
  const check = (model: tf.LayersModel | tf.GraphModel, only: string[]) =>
    runCheck({ pipeline, model, reference: entry.reference, images: entry.images, only });

  /** Per backend: the check of its images, or why the backend could not run. */
  const reports = new Map<string, CheckReport | string>();
  for (const backend of BACKENDS) {
    try {
      const info = await chooseBackend({ preferred: backend.name });
      if (info.name !== backend.name) throw new Error(`${backend.name} is not available`);
    } catch (error) {
      reports.set(backend.name, error instanceof Error ? error.message : String(error));
      continue;
    }
    const only = backend.name === 'cpu' ? IMAGES.slice(0, CPU_IMAGES) : IMAGES;
    if (backend.name !== 'cpu') {
      // Warm-up on a throw-away copy of the model: the first inference compiles the kernels (wasm)
      // or initializes TensorFlow (tfjs-node), and the first decode loads libvips. The measured run
      // gets a fresh copy, whose inference cache (kept per model object) is empty.
      const warmUp = await loadModel(entry.modelJson);
      await check(warmUp.model, [IMAGES[0]!]);
      warmUp.model.dispose();
    }
    const loaded = await loadModel(entry.modelJson);
    // A fresh model's first inference still pays one-off costs (weight upload, kernel selection):
    // spend them on a random input, which no golden image can hit in the inference cache.
    if (backend.name !== 'cpu') new InferenceRunner(loaded, []).run(Float32Array.from({ length: 224 * 224 * 3 }, (_, i) => (i % 251) - 120), [224, 224, 3]);
    reports.set(backend.name, await check(loaded.model, only));
    loaded.model.dispose();
  }

  console.log(`\nprepguard harness benchmark · VGG16 224×224 · ${new Date().toISOString()}\n`);
  const ran = BACKENDS.filter((b) => typeof reports.get(b.name) === 'object');
  for (const b of BACKENDS.filter((x) => typeof reports.get(x.name) === 'string')) console.log(`${b.label}: not measured (${reports.get(b.name)})`);
  const inference = (backend: string, file: string) =>
    (reports.get(backend) as CheckReport | undefined)?.images.find((i) => i.file === file)?.timings.inferenceMs;
  const base = ran[0]!;
  const others = ran.slice(1);
  const meanOf = (backend: string, files: string[]) => files.reduce((a, f) => a + inference(backend, f)!, 0) / files.length;
  const cell = (v: number | undefined) => (v === undefined ? '—' : ms(v));
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(1)}×`);
  table(
    ['image', ...ran.map((b) => `${b.label} ms`), ...others.map((b) => `${b.label} ÷ ${base.label}`)],
    [
      ...IMAGES.map((file) => [
        file,
        ...ran.map((b) => cell(inference(b.name, file))),
        ...others.map((b) => ratio(inference(b.name, file), inference(base.name, file))),
      ]),
      // Each ratio over the images both backends ran (the CPU backend runs on fewer).
      [
        'mean',
        ...ran.map((b) => ms(meanOf(b.name, IMAGES.filter((f) => inference(b.name, f) !== undefined)))),
        ...others.map((b) => {
          const both = IMAGES.filter((f) => inference(b.name, f) !== undefined && inference(base.name, f) !== undefined);
          return `${ratio(meanOf(b.name, both), meanOf(base.name, both))} (${both.length} img)`;
        }),
      ],
    ],
  );

  const fastest = reports.get(base.name) as CheckReport;
  console.log(`\nWhere the time goes, on ${base.label}:\n`);
  const rows = fastest.images.map((image: ImageResult) => {
    const t = image.timings;
    return { file: image.file, t, overhead: t.kerasMs + t.compareMs + t.diagnosisMs };
  });
  const mean = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + pick(r), 0) / rows.length;
  const pct = (part: number, whole: number) => ((100 * part) / whole).toFixed(1);
  table(
    ['image', 'keras input ms', 'pipeline ms', 'inference ms', 'compare ms', 'diagnosis ms', 'overhead % of inference'],
    [
      ...rows.map((r) => [r.file, ms(r.t.kerasMs), ms(r.t.pipelineMs), ms(r.t.inferenceMs), ms(r.t.compareMs), ms(r.t.diagnosisMs), pct(r.overhead, r.t.inferenceMs)]),
      ['mean', ms(mean((r) => r.t.kerasMs)), ms(mean((r) => r.t.pipelineMs)), ms(mean((r) => r.t.inferenceMs)), ms(mean((r) => r.t.compareMs)), ms(mean((r) => r.t.diagnosisMs)), pct(mean((r) => r.overhead), mean((r) => r.t.inferenceMs))],
    ],
  );
  console.log('');
  for (const b of ran) {
    const report = reports.get(b.name) as CheckReport;
    const overhead = report.images.reduce((a, i) => a + i.timings.kerasMs + i.timings.compareMs + i.timings.diagnosisMs, 0);
    const infer = report.images.reduce((a, i) => a + i.timings.inferenceMs, 0);
    const withPipeline = overhead + report.images.reduce((a, i) => a + i.timings.pipelineMs, 0);
    const p = (100 * overhead) / infer;
    console.log(
      `harness overhead on ${b.label} (${report.images.length} images): ${p.toFixed(1)}% of inference ` +
        `(budget 10%: ${p <= 10 ? 'met' : 'EXCEEDED'}); including the user pipeline: ${pct(withPipeline, infer)}%; ` +
        `verdicts: ${report.summary.pass} pass, ${report.summary.warn} warn, ${report.summary.fail} fail, ${report.summary.error} error`,
    );
  }
  await (await import('./browser.js')).benchBrowser(ROOT, IMAGES);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
