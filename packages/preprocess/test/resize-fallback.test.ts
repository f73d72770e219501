/**
 * The TypeScript convolution passes, which run where WebAssembly (or its SIMD extension) is
 * missing, against the references recorded by real Keras. The other suites exercise the
 * WebAssembly kernel; this file hides WebAssembly from its own module instances before the
 * first resize, so every 8-bit resize here takes the fallback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasmPassesAvailable } from '../src/resize/wasm/passes.js';
import { DecodeCache, REPO_ROOT, runPort, type KerasCase } from './helpers/keras.js';

interface GoldenFile {
  cases: (Omit<KerasCase, 'image'> & { sha256: string | null; error: string | null })[];
}

const GOLDEN = join(REPO_ROOT, 'golden');
const manifest = JSON.parse(readFileSync(join(GOLDEN, 'keras', 'manifest.json'), 'utf8')) as {
  images: { file: string }[];
};

// Every fourth convolution-filter case of every golden image: all filters, modes and band
// layouts still appear, at a quarter of the full golden suite's time.
const SAMPLE_EVERY = 4;

beforeAll(() => {
  delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
});

test('with WebAssembly hidden, the kernel reports itself unavailable', () => {
  expect(wasmPassesAvailable(3)).toBe(false);
});

test('the TypeScript passes are bit-exact against Keras on a sample of the golden cases', async () => {
  const cache = new DecodeCache();
  const mismatches: string[] = [];
  let checked = 0;
  for (const { file } of manifest.images) {
    const golden = JSON.parse(readFileSync(join(GOLDEN, 'keras', `${file}.json`), 'utf8')) as GoldenFile;
    const cases = golden.cases.filter((c) => c.interpolation !== 'nearest' && c.error === null);
    for (let i = 0; i < cases.length; i += SAMPLE_EVERY) {
      const c = cases[i]!;
      const port = await runPort({ ...c, image: join(GOLDEN, 'images', file) }, cache);
      checked++;
      if (port.sha256 !== c.sha256) mismatches.push(`${c.id}: keras=${c.sha256} port=${port.error ?? port.sha256}`);
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(mismatches).toEqual([]);
}, 120_000);
