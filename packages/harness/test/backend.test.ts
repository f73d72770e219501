/**
 * Backend selection: tfjs-node when it is installed and its native library works, else wasm; a
 * broken tfjs-node (corrupt libtensorflow, missing C API symbols, a library that crashes on load)
 * is caught in a child process and named, and the run falls back to wasm instead of crashing.
 *
 * The broken installs are real: copies of the installed package whose libtensorflow is replaced.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, selectBackend } from '../src/backend.js';
import { runCheck } from '../src/check/run-check.js';
import { findTfjsNode, NativeBackendError } from '../src/native-backend.js';
import { isCI } from '../src/reference/write.js';
import { summarize } from '../src/report/explain.js';
import { renderHtmlReport } from '../src/report/html.js';
import { tfjsNodeUnavailable } from './helpers/backends.js';
import { REPO_ROOT } from './helpers/models.js';
import * as P from './helpers/pipelines.js';
import { makeWorkspace } from './helpers/workspace.js';

test('picks tfjs-node when it is installed and loads, else wasm, and reports what runs', async () => {
  const unavailable = tfjsNodeUnavailable();
  // CI must exercise the native backend: `npm test` installs it (scripts/install-tfjs-node.mjs).
  if (isCI()) expect(unavailable).toBeNull();
  const info = await selectBackend();
  expect(info.name).toBe(unavailable ? 'wasm' : 'tensorflow');
  expect(info.float32).toBe(true);
  expect(info.fallback).toBeUndefined();
  expect(tf.getBackend()).toBe(info.name);
  // Later calls report the backend that actually runs, even if someone switched it.
  await tf.setBackend('cpu');
  expect((await selectBackend()).name).toBe('cpu');
});

const installed = findTfjsNode();
const scratch = join(REPO_ROOT, 'node_modules/.cache/prepguard-test', `broken-tfjs-node-${process.pid}`);

/**
 * A copy of the installed tfjs-node (its own addon, the same libraries) in which every file the
 * addon may load as libtensorflow (libtensorflow.so* from the official archive, libtensorflow_cc.so*
 * from the PyPI wheel) is replaced by `breakLibrary(path)`. Placed under node_modules so that its
 * JavaScript dependencies resolve as the real package's do.
 */
function brokenCopy(name: string, breakLibrary: (path: string) => void): string {
  const dir = join(scratch, name, 'node_modules/@tensorflow/tfjs-node');
  mkdirSync(join(dir, 'deps/lib'), { recursive: true });
  for (const part of ['package.json', 'dist', 'lib']) cpSync(join(installed!, part), join(dir, part), { recursive: true, dereference: true });
  for (const file of readdirSync(join(installed!, 'deps/lib'))) {
    const target = join(dir, 'deps/lib', file);
    if (/^libtensorflow(_cc)?\.so/.test(file)) breakLibrary(target);
    else symlinkSync(realpathSync(join(installed!, 'deps/lib', file)), target);
  }
  return dir;
}

async function expectFallback(dir: string, reason: RegExp): Promise<void> {
  const info = await chooseBackend({ tfjsNodeDir: dir });
  expect(info.name).toBe('wasm');
  expect(tf.getBackend()).toBe('wasm');
  expect(info.fallback).toBeInstanceOf(NativeBackendError);
  expect(info.fallback!.code).toBe('native-backend');
  expect(info.fallback!.packageDir).toBe(dir);
  expect(info.fallback!.reason).toMatch(reason);
  expect(info.fallback!.message).toContain(dir);
  // Asked for explicitly, the broken backend is an error, not a silent substitute.
  await expect(chooseBackend({ preferred: 'tensorflow', tfjsNodeDir: dir })).rejects.toThrow(NativeBackendError);
}

// Needs an installed tfjs-node to break; CI always has one (asserted by the first test).
(installed ? describe : describe.skip)('a broken tfjs-node install falls back to wasm with a NativeBackendError', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const corrupt = (path: string) => writeFileSync(path, Buffer.alloc(4096, 0x5a));
  const corruptReason = /libtensorflow(_cc)?\.so[.\d]*: (invalid ELF header|file too short)/;

  test('corrupt libtensorflow (not a shared library)', async () => {
    await expectFallback(brokenCopy('corrupt', corrupt), corruptReason);
  });

  test('a check after the fallback runs on wasm, and its report says why', async () => {
    await chooseBackend({ tfjsNodeDir: brokenCopy('report', corrupt) });
    const ws = await makeWorkspace();
    const report = await runCheck({ model: ws.modelPath, reference: ws.referencePath, pipeline: P.correct });
    expect(report.ok).toBe(true);
    expect(report.backend).toBe('wasm');
    expect(report.backendFallback).toEqual({ from: 'tensorflow', code: 'native-backend', message: expect.stringMatching(corruptReason) });
    expect(JSON.parse(JSON.stringify(report)).backendFallback.code).toBe('native-backend');
    expect(summarize(report).split('\n')[1]).toMatch(/^\(wasm because tfjs-node failed: @tensorflow\/tfjs-node at .* cannot be used: .*(invalid ELF header|file too short)/);
    expect(await renderHtmlReport(report)).toContain('tfjs-node failed');
  });

  test('libtensorflow without the TensorFlow C API (missing or mismatched symbols)', async () => {
    // The framework library is a real TensorFlow library, but exports none of the TF_/TFE_ functions.
    const framework = realpathSync(join(installed!, 'deps/lib/libtensorflow_framework.so.2'));
    const dir = brokenCopy('missing-symbols', (path) => symlinkSync(framework, path));
    // Versioned symbols (the PyPI build) fail on the version, unversioned ones on the symbol.
    await expectFallback(dir, /undefined symbol: TFE?_\w+|version `tensorflow' not found/);
  });

  test('libtensorflow that crashes the process while loading', async () => {
    const source = join(scratch, 'crash.c');
    mkdirSync(scratch, { recursive: true });
    writeFileSync(source, '#include <signal.h>\n__attribute__((constructor)) static void crash(void) { raise(SIGSEGV); }\n');
    const dir = brokenCopy('crash', (path) => {
      const cc = spawnSync('cc', ['-shared', '-fPIC', '-o', path, source], { encoding: 'utf8' });
      if (cc.status !== 0) throw new Error(`cc could not build the crashing library: ${cc.stderr || cc.error?.message}`);
    });
    await expectFallback(dir, /killed the process \(SIGSEGV\)/);
  });
});
