import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runCheck } from '../src/check/run-check.js';
import {
  PipelineError,
  PipelineLoadError,
  PipelineNonFiniteError,
  PipelineOutputDtypeError,
  PipelineOutputShapeError,
  PipelineOutputTypeError,
  PipelineTensorLeakError,
  PipelineThrewError,
  PipelineTimeoutError,
} from '../src/errors.js';
import { loadPipeline, parsePipelineSpec } from '../src/pipeline/resolve.js';
import { runPipeline } from '../src/pipeline/run.js';
import type { Pipeline } from '../src/pipeline/types.js';
import { SIZE, tempDir } from './helpers/fixtures.js';
import * as P from './helpers/pipelines.js';
import { makeWorkspace, type Workspace } from './helpers/workspace.js';

const SHAPE = [SIZE, SIZE, 3];
const bytes = new Uint8Array([1, 2, 3]);
const zeros = () => tf.zeros([1, SIZE, SIZE, 3]);

async function faultOf(pipeline: Pipeline, timeoutMs = 1000) {
  const run = await runPipeline(pipeline, bytes, 'cat.png', SHAPE, timeoutMs);
  return run.error ?? run.notes[0];
}

describe('runPipeline names each fault and never throws', () => {
  test.each<[string, Pipeline, new (...args: never[]) => PipelineError, string]>([
    ['a thrown error', () => { throw new RangeError('bad crop'); }, PipelineThrewError, 'threw RangeError: bad crop'],
    ['a rejected promise', async () => Promise.reject(new Error('decode failed')), PipelineThrewError, 'decode failed'],
    ['a hang', () => new Promise(() => undefined), PipelineTimeoutError, 'did not finish within 50 ms'],
    ['a non-tensor result', () => 42 as unknown as tf.Tensor, PipelineOutputTypeError, 'returned number'],
    ['a wrong rank', () => tf.zeros([SIZE * SIZE * 3]), PipelineOutputShapeError, 'returned shape [3072]'],
    ['a wrong size', () => tf.zeros([1, 31, 32, 3]), PipelineOutputShapeError, '[1, 31, 32, 3]'],
    ['a batch of two', () => tf.zeros([2, SIZE, SIZE, 3]), PipelineOutputShapeError, '[2, 32, 32, 3]'],
    ['an int32 tensor', () => tf.zeros([SIZE, SIZE, 3], 'int32'), PipelineOutputDtypeError, 'dtype int32'],
    ['a Uint8Array PixelArray', () => ({ data: new Uint8Array(SIZE * SIZE * 3) as unknown as Float32Array, shape: SHAPE }), PipelineOutputDtypeError, 'Uint8Array'],
    ['NaN values', () => tf.fill([SIZE, SIZE, 3], NaN), PipelineNonFiniteError, '3072 NaN'],
    ['Infinity values', () => ({ data: new Float32Array(SIZE * SIZE * 3).fill(Infinity), shape: SHAPE }), PipelineNonFiniteError, '3072 ±Infinity'],
    ['a leaked tensor', () => { tf.ones([2, 2]); return zeros(); }, PipelineTensorLeakError, 'leaked 1 tensor'],
  ])('%s', async (_name, pipeline, ErrorClass, text) => {
    const error = await faultOf(pipeline, 50);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error?.file).toBe('cat.png');
    expect(error?.message).toContain('cat.png');
    expect(error?.message).toContain(text);
  });

  test('a clean pipeline: [1,H,W,C] tensor, [H,W,C] PixelArray, and no leak counted for the returned tensor', async () => {
    const before = tf.memory().numTensors;
    const a = await runPipeline(zeros, bytes, 'a.png', SHAPE, 1000);
    expect(a.error).toBeNull();
    expect(a.candidate?.shape).toEqual(SHAPE);
    const b = await runPipeline(() => ({ data: new Float32Array(SIZE * SIZE * 3), shape: SHAPE }), bytes, 'b.png', SHAPE, 1000);
    expect(b.error).toBeNull();
    expect(tf.memory().numTensors).toBe(before); // the harness disposes what it was given
  });

  test('channels-first output is accepted for comparison and flagged as such', async () => {
    const run = await runPipeline(() => tf.zeros([3, SIZE, SIZE]), bytes, 'c.png', SHAPE, 1000);
    expect(run.error).toBeNull();
    expect(run.candidate?.channelsFirst).toBe(true);
  });

  test('a pipeline that mutates its input bytes cannot corrupt the golden bytes', async () => {
    const golden = new Uint8Array([9, 9, 9]);
    await runPipeline((b) => { b.fill(0); return zeros(); }, golden, 'd.png', SHAPE, 1000);
    expect([...golden]).toEqual([9, 9, 9]);
  });
});

describe('the run continues past faulty images', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
  });

  test('each image gets its own error and the other images are still checked', async () => {
    const faulty: Pipeline = async (image, { file }) => {
      if (file === 'alpha.png') throw new Error('boom');
      if (file === 'wide.png') return new Promise(() => undefined);
      if (file === 'square.jpg') return tf.fill([1, SIZE, SIZE, 3], NaN);
      if (file === 'landscape.png') return tf.zeros([SIZE, SIZE, 3], 'int32');
      return P.correct(image, { file });
    };
    const report = await runCheck({ model: ws.modelPath, reference: ws.referencePath, pipeline: faulty, timeoutMs: 200 });
    const byFile = Object.fromEntries(report.images.map((i) => [i.file, i]));
    expect(byFile['alpha.png']?.error?.code).toBe('pipeline-threw');
    expect(byFile['wide.png']?.error?.code).toBe('pipeline-timeout');
    expect(byFile['square.jpg']?.error?.code).toBe('pipeline-non-finite');
    // An int32 output is still compared (all zeros: drift), the dtype is a note beside the verdict.
    expect(byFile['landscape.png']).toMatchObject({ status: 'fail', notes: [{ code: 'pipeline-output-dtype' }] });
    expect(byFile['landscape.png']?.error).toBeUndefined();
    expect(byFile['icc-p3.jpg']?.status).toBe('pass');
    expect(byFile['exif-6.jpg']?.status).toBe('pass');
    expect(report.ok).toBe(false);
    expect(report.summary).toMatchObject({ pass: 2, fail: 1, error: 3 });
  });

  test('a tensor leak is reported beside the verdict: drift still fails with its diagnosis, a correct pipeline warns', async () => {
    // The classic port: tf.tensor(...).div(255) without disposing the intermediate tensor.
    const leakyUnitScaling: Pipeline = async (image) => {
      const x = (await P.rawPixels(image, { file: '' })) as tf.Tensor;
      return x.div(255);
    };
    const drift = await runCheck({ model: ws.modelPath, reference: ws.referencePath, pipeline: leakyUnitScaling, only: ['square.jpg'] });
    expect(drift.images[0]).toMatchObject({ status: 'fail', diagnosis: { code: 'unit-scaling' }, notes: [{ code: 'pipeline-tensor-leak' }] });
    expect(drift.images[0]?.error).toBeUndefined();
    const leakyCorrect: Pipeline = async (image, ctx) => {
      tf.ones([2, 2]);
      return P.correct(image, ctx);
    };
    const warn = await runCheck({ model: ws.modelPath, reference: ws.referencePath, pipeline: leakyCorrect, only: ['square.jpg'] });
    expect(warn.images[0]).toMatchObject({ status: 'warn', notes: [{ code: 'pipeline-tensor-leak' }] });
    expect(warn.images[0]?.problems.join('\n')).toContain('leaked 1 tensor');
    expect(warn.ok).toBe(true);
  });

  test('a pipeline that uses more than half its time limit gets a pipeline-slow note', async () => {
    const slow: Pipeline = async (image, ctx) => {
      await new Promise((done) => setTimeout(done, 300));
      return P.correct(image, ctx);
    };
    const report = await runCheck({ model: ws.modelPath, reference: ws.referencePath, pipeline: slow, timeoutMs: 500, only: ['square.jpg'] });
    expect(report.images[0]).toMatchObject({ status: 'warn', notes: [{ code: 'pipeline-slow' }] });
    expect(report.images[0]?.notes[0]?.message).toMatch(/took \d+ ms, more than half of its 500 ms limit/);
  });
});

describe('pipelines given as module specifiers', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  test('parses path#export', () => {
    expect(parsePipelineSpec('a/b.ts#run')).toEqual({ path: 'a/b.ts', exportName: 'run' });
    expect(parsePipelineSpec('a/b.mjs')).toEqual({ path: 'a/b.mjs', exportName: undefined });
  });

  test('ESM named export, ESM default, CommonJS module.exports and exports.name', async () => {
    const esm = write('p.mjs', 'export function run() { return 1; }\nexport default function () { return 2; }\n');
    expect(((await loadPipeline(`${esm}#run`)) as () => number)()).toBe(1);
    expect(((await loadPipeline(esm)) as () => number)()).toBe(2);
    const cjs = write('p.cjs', 'module.exports = function () { return 3; };\nmodule.exports.other = () => 4;\n');
    expect(((await loadPipeline(cjs)) as () => number)()).toBe(3);
    expect(((await loadPipeline(`${cjs}#other`)) as () => number)()).toBe(4);
  });

  test('TypeScript module', async () => {
    const ts = write('p.ts', 'export const pipeline = (x: Uint8Array): number => x.length;\n');
    expect(((await loadPipeline(ts)) as (x: Uint8Array) => number)(new Uint8Array(5))).toBe(5);
  });

  test('missing module or export is a PipelineLoadError', async () => {
    await expect(loadPipeline(join(dir, 'nope.ts'))).rejects.toThrow(PipelineLoadError);
    const esm = write('q.mjs', 'export const notAFunction = 1;\n');
    await expect(loadPipeline(`${esm}#missing`)).rejects.toThrow(/no function export "missing" \(exports: notAFunction\)/);
  });
});
