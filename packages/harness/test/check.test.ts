import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../src/check/run-check.js';
import { ModelMismatchError, ReferenceFileError } from '../src/errors.js';
import type { Pipeline, PixelArray } from '../src/pipeline/types.js';
import { explainImage } from '../src/report/explain.js';
import { saveTinyModel } from './helpers/fixtures.js';
import * as P from './helpers/pipelines.js';
import { makeWorkspace, type Workspace } from './helpers/workspace.js';

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});

const base = () => ({ model: ws.modelPath, reference: ws.referencePath });

test('the correct pipeline passes every image, and the report says which backend ran', async () => {
  const progress: string[] = [];
  const report = await runCheck({ ...base(), pipeline: P.correct, onProgress: (done, total, file) => progress.push(`${done}/${total} ${file}`) });
  expect(report.ok).toBe(true);
  expect(['wasm', 'cpu', 'tensorflow']).toContain(report.backend);
  expect(report.images.map((i) => i.status)).toEqual(ws.golden.files.map(() => 'pass'));
  expect(progress).toHaveLength(ws.golden.files.length);
  for (const img of report.images) {
    expect(img.input?.maxAbsError).toBe(0);
    expect(img.referenceParity?.match).toBe(true);
    expect(img.diagnosis).toBeNull();
    expect(img.top1?.pass).toBe(true);
    expect(img.layers.block2_pool?.channelMeanCosine).toBeCloseTo(1, 6);
  }
  // The JSON shape the CLI prints.
  const json = JSON.parse(JSON.stringify(report));
  expect(Object.keys(json.images[0])).toEqual(expect.arrayContaining(['file', 'status', 'top1', 'layers', 'input', 'diagnosis']));
  expect(json.images[0].artifacts).toBeUndefined();
});

test('/255 fails every image with unit-scaling, the fix, and the tolerance that would pass', async () => {
  const report = await runCheck({ ...base(), pipeline: P.unitScaling });
  expect(report.ok).toBe(false);
  for (const img of report.images) {
    expect(img.status).toBe('fail');
    expect(img.diagnosis?.code).toBe('unit-scaling');
    expect(img.diagnosis?.fix).toContain("preprocessInput(x, { mode: 'caffe' })");
    expect(img.minimumPassing.inputMaxAbsError).toBeGreaterThan(100);
  }
});

test('the measured tolerance is given as information while top-1 matches, and never once it changed', async () => {
  // Keras' input plus 0.01: the same top-1, an input that fails under inputParity 'error'.
  const nudged: Pipeline = async (image, ctx) => {
    const x = (await P.correct(image, ctx)) as PixelArray;
    return { data: x.data.map((v) => v + 0.01), shape: x.shape };
  };
  const report = await runCheck({ ...base(), pipeline: nudged, inputParity: 'error', only: ['square.jpg'] });
  const img = report.images[0]!;
  expect(img).toMatchObject({ status: 'fail', top1: { pass: true } });
  expect(explainImage(img, report.tolerance)).toMatch(/Measured on this image \(the tolerance at which it would pass\): inputMaxAbsError 0\.01\d*, inputMeanAbsError 0\.01/);
  const top1Changed = { ...img, top1: { ...img.top1!, pass: false } };
  expect(explainImage(top1Changed, report.tolerance)).not.toContain('Measured on this image');
});

test('a decode mistake only shows on the image that exercises it; identical inputs hit the inference cache', async () => {
  const report = await runCheck({ ...base(), pipeline: P.iccConversion });
  const byFile = Object.fromEntries(report.images.map((i) => [i.file, i]));
  expect(byFile['icc-p3.jpg']?.diagnosis?.code).toBe('icc-conversion');
  expect(['warn', 'fail']).toContain(byFile['icc-p3.jpg']?.status);
  for (const file of ws.golden.files.filter((f) => f !== 'icc-p3.jpg')) expect(byFile[file]?.status).toBe('pass');
  // The correct pipeline ran before on the same model: the unchanged inputs were not inferred again.
  expect(report.inference.cached).toBeGreaterThanOrEqual(ws.golden.files.length - 1);
});

test("inputParity 'error' turns an input-only drift into a failure; 'off' ignores it", async () => {
  const strict = await runCheck({ ...base(), pipeline: P.iccConversion, inputParity: 'error', only: ['icc-p3.jpg'] });
  expect(strict.images[0]?.status).toBe('fail');
  const off = await runCheck({ ...base(), pipeline: P.iccConversion, inputParity: 'off', only: ['icc-p3.jpg'], tolerance: { layerRelError: 1, layerMinCosine: -1, minTopKOverlap: 0 } });
  expect(['pass', 'fail']).toContain(off.images[0]?.status);
  expect(off.images[0]?.problems.some((p) => p.includes('model input differs'))).toBe(false);
});

test('a changed golden image and a missing one are named errors, and the run goes on', async () => {
  const report = await runCheck({ ...base(), pipeline: P.correct, images: ws.golden.dir, only: ['square.jpg'] });
  expect(report.images[0]?.status).toBe('pass');
  const copy = join(ws.root, 'images-changed');
  const { cpSync, rmSync } = await import('node:fs');
  cpSync(ws.golden.dir, copy, { recursive: true });
  writeFileSync(join(copy, 'wide.png'), Buffer.concat([readFileSync(join(copy, 'wide.png')), Buffer.from([0])]));
  rmSync(join(copy, 'alpha.png'));
  const changed = await runCheck({ ...base(), pipeline: P.correct, images: copy });
  const byFile = Object.fromEntries(changed.images.map((i) => [i.file, i]));
  expect(byFile['wide.png']?.status).toBe('error');
  expect(byFile['wide.png']?.error?.name).toBe('GoldenImageChangedError');
  expect(byFile['wide.png']?.error?.message).toContain('wide.png');
  expect(byFile['alpha.png']?.error?.name).toBe('GoldenImageMissingError');
  expect(byFile['square.jpg']?.status).toBe('pass');
  expect(changed.summary).toMatchObject({ error: 2, pass: 4 });
});

test('a model with other weights is a ModelMismatchError; an unreadable reference a ReferenceFileError', async () => {
  const other = await saveTinyModel(join(ws.root, 'other-model'), 99);
  await expect(runCheck({ model: other, reference: ws.referencePath, pipeline: P.correct })).rejects.toThrow(ModelMismatchError);
  await expect(runCheck({ ...base(), reference: join(ws.root, 'nope.json'), pipeline: P.correct })).rejects.toThrow(ReferenceFileError);
});

test('a corrupt golden image is reported for that image only', async () => {
  const ref = JSON.parse(readFileSync(ws.referencePath, 'utf8'));
  const { cpSync } = await import('node:fs');
  const dir = join(ws.root, 'images-corrupt');
  cpSync(ws.golden.dir, dir, { recursive: true });
  const bytes = Buffer.from('this is not an image');
  writeFileSync(join(dir, 'square.jpg'), bytes);
  const { createHash } = await import('node:crypto');
  ref.images.find((i: { file: string }) => i.file === 'square.jpg').sha256 = createHash('sha256').update(bytes).digest('hex');
  const refPath = join(ws.root, 'corrupt.reference.json');
  writeFileSync(refPath, JSON.stringify(ref));
  const report = await runCheck({ model: ws.modelPath, reference: refPath, images: dir, pipeline: P.correct });
  const bad = report.images.find((i) => i.file === 'square.jpg');
  expect(bad?.status).toBe('error');
  expect(bad?.error?.name).toBe('ImageDecodeError');
  expect(bad?.error?.message).toContain('square.jpg');
  expect(report.images.filter((i) => i.status === 'pass')).toHaveLength(5);
});
