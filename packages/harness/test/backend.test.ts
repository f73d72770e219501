import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src/backend.js';

test('picks tfjs-node when resolvable, else wasm, and reports what runs', async () => {
  let hasNode = true;
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
  } catch {
    hasNode = false;
  }
  const info = await selectBackend();
  expect(info.name).toBe(hasNode ? 'tensorflow' : 'wasm');
  expect(info.float32).toBe(true);
  expect(tf.getBackend()).toBe(info.name);
  // Later calls report the backend that actually runs, even if someone switched it.
  await tf.setBackend('cpu');
  expect((await selectBackend()).name).toBe('cpu');
});
