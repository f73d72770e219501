/**
 * Runs real Keras (the project's Python venv, scripts/keras_inputs.py) and the TypeScript port
 * on the same cases, and fingerprints both outputs the same way (SHA-256 of the float32 buffer).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeImage,
  imgToArray,
  loadImgFromDecoded,
  preprocessInput,
  type ColorMode,
  type DataFormat,
  type Interpolation,
  type KerasApplication,
  type KerasImage,
  type LoadImgOptions,
  type PillowImage,
  type PixelArray,
  type PreprocessMode,
} from '../../src/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const PYTHON = join(REPO_ROOT, '.venv', 'bin', 'python');

/** One case in the keras_inputs.py contract. */
export interface KerasCase {
  id: string;
  image: string;
  targetSize: [number, number] | null;
  interpolation: Interpolation;
  keepAspectRatio: boolean;
  colorMode: ColorMode;
  mode: Exclude<PreprocessMode, 'raw'> | null;
  model: KerasApplication | null;
  dataFormat: DataFormat;
}

export interface KerasResult {
  id: string;
  shape: number[] | null;
  sha256: string | null;
  buffer?: string;
  error: string | null;
}

export interface KerasRun {
  producer: Record<string, string>;
  cases: KerasResult[];
}

/** Runs every case through real Keras in one Python process (importing TF is slow). */
export function runKeras(cases: KerasCase[], options: { buffers?: boolean } = {}): KerasRun & { dir: string } {
  if (!existsSync(PYTHON)) {
    throw new Error(`Python venv not found at ${PYTHON}: run "bash scripts/setup-python.sh" (npm test does it)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'prepguard-keras-'));
  const casesFile = join(dir, 'cases.json');
  const outFile = join(dir, 'result.json');
  writeFileSync(casesFile, JSON.stringify({ cases }));
  const args = [join(REPO_ROOT, 'scripts', 'keras_inputs.py'), '--cases', casesFile, '--out', outFile];
  if (options.buffers) args.push('--buffers', join(dir, 'buffers'));
  const run = spawnSync(PYTHON, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    throw new Error(`keras_inputs.py failed (${run.status ?? run.signal}):\n${run.stderr}`);
  }
  return { ...(JSON.parse(readFileSync(outFile, 'utf8')) as KerasRun), dir };
}

export function sha256Of(x: PixelArray): string {
  const bytes = new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength);
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Decoded and loaded images: each file is decoded once, and each distinct load_img call
 * (size, filter, aspect ratio, colour mode) is computed once and shared by the cases that only
 * differ in preprocessing. Keeps the full golden run fast without changing the code under test.
 */
export class DecodeCache {
  private readonly decoded = new Map<string, Promise<PillowImage>>();
  private readonly loaded = new Map<string, KerasImage>();

  decode(path: string): Promise<PillowImage> {
    let img = this.decoded.get(path);
    if (!img) {
      img = decodeImage(path);
      this.decoded.set(path, img);
    }
    return img;
  }

  async load(path: string, options: LoadImgOptions): Promise<KerasImage> {
    const key = JSON.stringify([path, options.targetSize, options.interpolation, options.keepAspectRatio, options.colorMode]);
    let img = this.loaded.get(key);
    if (!img) {
      img = loadImgFromDecoded(await this.decode(path), options);
      if (this.loaded.size > 64) this.loaded.clear(); // bound memory on large images
      this.loaded.set(key, img);
    }
    return img;
  }
}

export type PortResult = { array: PixelArray; sha256: string; error: null } | { array: null; sha256: null; error: string };

/** The TypeScript port on one case: load_img -> img_to_array -> preprocess_input. */
export async function runPort(c: KerasCase, cache: DecodeCache): Promise<PortResult> {
  try {
    const img = await cache.load(c.image, {
      targetSize: c.targetSize,
      interpolation: c.interpolation,
      keepAspectRatio: c.keepAspectRatio,
      colorMode: c.colorMode,
    });
    let array = imgToArray(img, { dataFormat: c.dataFormat });
    if (c.model !== null) array = preprocessInput(array, { model: c.model }, c.dataFormat);
    else if (c.mode !== null) array = preprocessInput(array, { mode: c.mode }, c.dataFormat);
    return { array, sha256: sha256Of(array), error: null };
  } catch (err) {
    return { array: null, sha256: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Largest |a - b| between the port's output and a raw little-endian float32 buffer from Keras. */
export function maxAbsDiff(port: Float32Array, kerasBuffer: Uint8Array): number {
  const keras = new Float32Array(kerasBuffer.buffer.slice(kerasBuffer.byteOffset, kerasBuffer.byteOffset + kerasBuffer.byteLength));
  if (keras.length !== port.length) return Infinity;
  let max = 0;
  for (let i = 0; i < port.length; i++) max = Math.max(max, Math.abs(port[i] - keras[i]));
  return max;
}
