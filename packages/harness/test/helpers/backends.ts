/**
 * The backends the end-to-end tests run on: tfjs-node (native TensorFlow) and wasm.
 *
 * tfjs-node is an optional dependency, made usable by scripts/install-tfjs-node.mjs (run by
 * `npm test`). In CI it is required, so that a suite that silently ran on wasm alone fails; on a
 * developer machine without it the tests run on wasm and say so.
 */
import { isCI } from '../../src/reference/write.js';
import { findTfjsNode, tfjsNodeVerdict } from '../../src/native-backend.js';

export type TestBackend = 'tensorflow' | 'wasm';

/** Why tfjs-node cannot be tested here, or null when it can. */
export function tfjsNodeUnavailable(): string | null {
  const dir = findTfjsNode();
  if (!dir) return '@tensorflow/tfjs-node is not installed (npm ci, then node scripts/install-tfjs-node.mjs)';
  const verdict = tfjsNodeVerdict(dir);
  return verdict.ok ? null : `@tensorflow/tfjs-node cannot be loaded: ${verdict.reason}`;
}

/** Both backends, or wasm alone (with a warning) where tfjs-node is unavailable outside CI. */
export function backendsUnderTest(): TestBackend[] {
  const missing = tfjsNodeUnavailable();
  if (!missing) return ['tensorflow', 'wasm'];
  if (!isCI()) console.warn(`Running on wasm only: ${missing}`);
  return ['wasm'];
}

/** What the suite must have run on: both backends in CI or wherever tfjs-node works. */
export function requiredBackends(): TestBackend[] {
  return isCI() || !tfjsNodeUnavailable() ? ['tensorflow', 'wasm'] : ['wasm'];
}
