/**
 * `npm run bench:harness`: where the time of a harness check goes, per golden image, and what the
 * backend choice costs, in one run.
 *
 * - Per image, from the harness's own timings (`ImageResult.timings`): the Keras-exact input
 *   (decode + resize + normalize with @prepguard/preprocess), the user pipeline
 *   (examples/pipelines/correct.ts, i.e. the same work done by the user's code), inference,
 *   comparison and diagnosis.
 * - Harness overhead = everything the harness adds around inference (Keras input + comparison +
 *   diagnosis); the budget is ≤ 10% of inference. The user pipeline is reported apart: it is the
 *   code under test, not the harness.
 * - Inference on the wasm backend vs the pure-JS CPU backend, same model, same input.
 *
 * Uses the demo's seeded VGG16 (no Python needed; cached in ~/.cache/prepguard).
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InferenceRunner, loadModel, runCheck, selectBackend, type ImageResult } from '@prepguard/harness';
import { prepareDemoModel, ROOT } from '../../examples/demo/demo-model.js';

/**
 * Different sizes and formats, each giving a distinct model input (the harness caches inference by
 * input, so two images with the same pixels would time one inference): PNG photos, a palette PNG
 * with transparency, an Adobe RGB JPEG, an EXIF JPEG and a 3600×2400 JPEG.
 */
const IMAGES = ['chelsea.png', 'coffee.png', 'palette-trns.png', 'rocket.jpg', 'exif-orientation-6.jpg', 'large-3600x2400.jpg'];
const CPU_RUNS = Number(process.env.BENCH_CPU_RUNS ?? 1);

const ms = (v: number) => v.toFixed(v < 10 ? 2 : 0);

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => console.log(line(r)));
}

async function main(): Promise<void> {
  const backend = await selectBackend();
  const entry = await prepareDemoModel(IMAGES);
  const pipeline = join(ROOT, 'examples/pipelines/correct.ts');
  const check = (model: tf.LayersModel | tf.GraphModel, only?: string[]) =>
    runCheck({ pipeline, model, reference: entry.reference, images: entry.images, ...(only ? { only } : {}) });

  // Warm-up on a throw-away copy of the model: the first inference compiles the wasm kernels and
  // the first decode loads libvips. The measured run gets a fresh copy, whose inference cache
  // (kept per model object) is empty, so every image is really inferred.
  const warmUp = await loadModel(entry.modelJson);
  await check(warmUp.model, [IMAGES[0]!]);
  warmUp.model.dispose();
  const loaded = await loadModel(entry.modelJson);
  const report = await check(loaded.model);

  console.log(`\nprepguard harness benchmark · VGG16 224×224 · ${backend.name} backend · ${new Date().toISOString()}\n`);
  const rows = report.images.map((image: ImageResult) => {
    const t = image.timings;
    const overhead = t.kerasMs + t.compareMs + t.diagnosisMs;
    return { file: image.file, t, overhead };
  });
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + pick(r), 0);
  const n = rows.length;
  const mean = {
    keras: sum((r) => r.t.kerasMs) / n,
    pipeline: sum((r) => r.t.pipelineMs) / n,
    inference: sum((r) => r.t.inferenceMs) / n,
    compare: sum((r) => r.t.compareMs) / n,
    diagnosis: sum((r) => r.t.diagnosisMs) / n,
    overhead: sum((r) => r.overhead) / n,
  };
  table(
    ['image', 'keras input ms', 'pipeline ms', 'inference ms', 'compare ms', 'diagnosis ms', 'overhead % of inference'],
    [
      ...rows.map((r) => [r.file, ms(r.t.kerasMs), ms(r.t.pipelineMs), ms(r.t.inferenceMs), ms(r.t.compareMs), ms(r.t.diagnosisMs), ((100 * r.overhead) / r.t.inferenceMs).toFixed(1)]),
      ['mean', ms(mean.keras), ms(mean.pipeline), ms(mean.inference), ms(mean.compare), ms(mean.diagnosis), ((100 * mean.overhead) / mean.inference).toFixed(1)],
    ],
  );
  const overheadPct = (100 * mean.overhead) / mean.inference;
  const withPipelinePct = (100 * (mean.overhead + mean.pipeline)) / mean.inference;
  console.log(
    `\nharness overhead (keras input + compare + diagnosis): ${overheadPct.toFixed(1)}% of inference ` +
      `(budget 10%: ${overheadPct <= 10 ? 'met' : 'EXCEEDED'}); including the user pipeline: ${withPipelinePct.toFixed(1)}%`,
  );

  // Backend ratio: the same model on fresh random inputs (the harness caches inference by input hash).
  let seed = 1;
  const timeInference = (runs: number) => {
    const runner = new InferenceRunner(loaded, []);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const input = tf.randomUniform([224, 224, 3], -120, 150, 'float32', seed++);
      const data = input.dataSync() as Float32Array;
      input.dispose();
      const t0 = performance.now();
      runner.run(data, [224, 224, 3]);
      times.push(performance.now() - t0);
    }
    return times.reduce((a, b) => a + b, 0) / times.length;
  };
  const wasmMs = timeInference(3);
  await tf.setBackend('cpu');
  await tf.ready();
  const cpuMs = timeInference(CPU_RUNS);
  console.log('');
  table(['backend', 'inference ms / image', 'ratio'], [
    [backend.name, ms(wasmMs), '1.0'],
    ['cpu', ms(cpuMs), (cpuMs / wasmMs).toFixed(1)],
  ]);
  loaded.model.dispose();
  await (await import('./browser.js')).benchBrowser(ROOT, IMAGES);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
