import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { findTfjsNode, NativeBackendError, tfjsNodeVerdict } from './native-backend.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu' | (string & {});

export interface BackendInfo {
  /** The tfjs backend that runs inference. */
  name: BackendName;
  /** Whether it computes in float32 (tfjs-node, wasm, cpu) or may fall back to float16 (WebGL on some GPUs). */
  float32: boolean;
  /** Set when tfjs-node is installed but unusable, so the run fell back to the next backend. */
  fallback?: NativeBackendError;
}

export interface BackendOptions {
  /** tensorflow | wasm | cpu: use this one or throw. Default: PREPGUARD_BACKEND, else the fastest available. */
  preferred?: string;
  /** The tfjs-node package directory to use. Default: the one `@tensorflow/tfjs-node` resolves to. */
  tfjsNodeDir?: string;
}

const PREFERENCE = ['tensorflow', 'wasm', 'cpu'] as const;
let selected: Promise<BackendInfo> | undefined;

/**
 * Picks the fastest backend available in Node: `@tensorflow/tfjs-node` when it is installed (an
 * optional peer dependency) and its native library loads, else `@tensorflow/tfjs-backend-wasm`,
 * else the pure-JS CPU backend. `PREPGUARD_BACKEND` (tensorflow | wasm | cpu) forces one.
 * A broken tfjs-node (corrupt or mismatched libtensorflow) is detected in a child process, never
 * loaded here; the returned `fallback` names it. Called once per process; later calls return the
 * same backend, as it runs now.
 */
export async function selectBackend(preferred: string | undefined = process.env.PREPGUARD_BACKEND): Promise<BackendInfo> {
  selected ??= chooseBackend({ preferred });
  const chosen = await selected;
  // Report what actually runs now, should something have switched the backend since.
  const name = tf.getBackend();
  return { ...describe(name), ...(chosen.fallback && name === chosen.name ? { fallback: chosen.fallback } : {}) };
}

/**
 * Selects a backend now, as selectBackend does the first time, with explicit options (benchmarks and
 * tests switch backends with it). The result becomes the process's selection: later selectBackend()
 * calls, and the reports of later checks, describe it, fallback included.
 */
export async function chooseBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  const info = await selectNow(options);
  selected = Promise.resolve(info);
  return info;
}

async function selectNow(options: BackendOptions): Promise<BackendInfo> {
  const order = options.preferred ? [options.preferred] : [...PREFERENCE];
  let fallback: NativeBackendError | undefined;
  for (const name of order) {
    const outcome = await activate(name, options.tfjsNodeDir);
    if (outcome instanceof NativeBackendError) {
      if (options.preferred) throw outcome;
      fallback = outcome;
      continue;
    }
    if (outcome) {
      await tf.ready();
      return { ...describe(tf.getBackend()), ...(fallback ? { fallback } : {}) };
    }
  }
  if (options.preferred) throw new Error(`PREPGUARD_BACKEND=${options.preferred}: that tfjs backend is not available`);
  await tf.ready();
  return { ...describe(tf.getBackend()), ...(fallback ? { fallback } : {}) };
}

/** true: the backend now runs; false: not installed; NativeBackendError: installed but broken. */
async function activate(name: string, tfjsNodeDir: string | undefined): Promise<boolean | NativeBackendError> {
  if (name === 'tensorflow') {
    const dir = tfjsNodeDir ?? findTfjsNode();
    if (!dir) return false;
    const verdict = tfjsNodeVerdict(dir);
    if (!verdict.ok) return new NativeBackendError(dir, verdict.reason);
    // TensorFlow's INFO lines (oneDNN, CPU features) would interleave with test and CLI output.
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '1';
    try {
      // Through import() (not require), so test runners that keep their own module registry share
      // one tfjs-core instance with the harness.
      await (tfjsNodeDir ? import(pathToFileURL(join(tfjsNodeDir, 'dist/index.js')).href) : import('@tensorflow/tfjs-node'));
    } catch (error) {
      return new NativeBackendError(dir, error instanceof Error ? error.message : String(error));
    }
  }
  if (name === 'wasm' && !(await tryImport('@tensorflow/tfjs-backend-wasm'))) return false;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** Loads a backend package when it is installed; a missing optional package is not an error. */
async function tryImport(specifier: string): Promise<boolean> {
  try {
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

function describe(name: string): BackendInfo {
  // Only WebGL may compute in float16 (when the GPU cannot render to float32 textures).
  const float32 = name !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  return { name, float32 };
}
