/**
 * The WebAssembly module shipped as base64 (src/resize/wasm/convolve-wasm.ts) is generated
 * from convolve.wat; this fails when someone edits the .wat and forgets to regenerate.
 */
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs build script, without type declarations.
import { GENERATED_PATH, generateConvolveModule } from '../scripts/build-wasm.mjs';

test('convolve-wasm.ts is up to date with convolve.wat (npm run build:wasm)', async () => {
  expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generateConvolveModule());
});
