/**
 * The demo's model and reference, made without Python and cached: the seeded TF.js VGG16
 * (./seeded-vgg16.ts) and a reference recorded on some golden images with the Keras-exact port
 * (`recordReference`, as `prepguard record` does). The model is cached in
 * `~/.cache/prepguard/demo-model-<hash>/` (keyed by its source, the seed and the tfjs version),
 * each reference under its `references/<hash>/` (keyed by the model and the images' bytes).
 * Shared by the demo and bench/harness.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { fileSystemSaver, recordReference } from '@prepguard/harness';
import { buildSeededVgg16 } from './seeded-vgg16.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLDEN = join(ROOT, 'golden/images');
const SEED = 0;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface DemoModel {
  modelJson: string;
  reference: string;
  /** The golden images the reference covers (copied into the cache entry). */
  images: string;
}

function cacheRoot(): string {
  return process.env.PREPGUARD_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'prepguard');
}

const digest = (hash: ReturnType<typeof createHash>) => hash.digest('hex').slice(0, 16);

/** The seeded model, built once per (source, seed, tfjs version). */
async function prepareModel(): Promise<string> {
  const key = createHash('sha256').update(readFileSync(join(ROOT, 'examples/demo/seeded-vgg16.ts'))).update(`seed=${SEED};tfjs=${tf.version.tfjs}`);
  const dir = join(cacheRoot(), `demo-model-${digest(key)}`);
  const modelJson = join(dir, 'model.json');
  if (existsSync(join(dir, '.complete'))) return modelJson;
  rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  const model = buildSeededVgg16(SEED);
  await model.save(fileSystemSaver(dir));
  model.dispose();
  writeFileSync(join(dir, '.complete'), '');
  console.log(`built VGG16 with seeded weights in TF.js: ${seconds(Date.now() - started)} (cached in ${dir})`);
  return modelJson;
}

/** The seeded model and its reference for `images` (names in golden/images), each made once and reused. */
export async function prepareDemoModel(images: readonly string[]): Promise<DemoModel> {
  const modelJson = await prepareModel();
  const key = createHash('sha256').update(readFileSync(modelJson));
  for (const file of images) key.update(file).update(readFileSync(join(GOLDEN, file)));
  const dir = join(dirname(modelJson), 'references', digest(key));
  const entry = { modelJson, reference: join(dir, 'reference.json'), images: join(dir, 'images') };
  if (existsSync(join(dir, '.complete'))) return entry;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(entry.images, { recursive: true });
  for (const file of images) copyFileSync(join(GOLDEN, file), join(entry.images, file));
  const started = Date.now();
  await recordReference({ model: modelJson, preprocess: 'vgg16', images: entry.images, out: entry.reference, layers: ['block5_pool'] });
  writeFileSync(join(dir, '.complete'), '');
  console.log(`recorded the reference with the Keras-exact port (${images.length} images): ${seconds(Date.now() - started)}`);
  return entry;
}
