import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu' | (string & {});

export interface BackendInfo {
  /** The tfjs backend that runs inference. */
  name: BackendName;
  /** Whether it computes in float32 (tfjs-node, wasm, cpu) or may fall back to float16 (WebGL on some GPUs). */
  float32: boolean;
}

const PREFERENCE = ['tensorflow', 'wasm', 'cpu'] as const;
let selected: Promise<BackendInfo> | undefined;

/** Loads a backend package when it is installed; a missing optional package is not an error. */
async function tryImport(specifier: string): Promise<boolean> {
  try {
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

async function activate(name: string): Promise<boolean> {
  if (name === 'tensorflow' && !(await tryImport('@tensorflow/tfjs-node'))) return false;
  if (name === 'wasm' && !(await tryImport('@tensorflow/tfjs-backend-wasm'))) return false;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Picks the fastest backend available in Node: `@tensorflow/tfjs-node` when it can be resolved
 * (an optional peer dependency), else `@tensorflow/tfjs-backend-wasm`, else the pure-JS CPU backend.
 * `PREPGUARD_BACKEND` (tensorflow | wasm | cpu) forces one. Called once per process; later calls
 * return the same backend.
 */
export async function selectBackend(preferred: string | undefined = process.env.PREPGUARD_BACKEND): Promise<BackendInfo> {
  selected ??= choose(preferred);
  await selected;
  // Report what actually runs now, should something have switched the backend since.
  return describe(tf.getBackend());
}

function choose(preferred: string | undefined): Promise<BackendInfo> {
  return (async () => {
    const order = preferred ? [preferred] : [...PREFERENCE];
    for (const name of order) {
      if (await activate(name)) {
        await tf.ready();
        return describe(tf.getBackend());
      }
    }
    if (preferred) throw new Error(`PREPGUARD_BACKEND=${preferred}: that tfjs backend is not available`);
    await tf.ready();
    return describe(tf.getBackend());
  })();
}

function describe(name: string): BackendInfo {
  // Only WebGL may compute in float16 (when the GPU cannot render to float32 textures).
  const float32 = name !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  return { name, float32 };
}
