import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { diagnoseCandidate, type Diagnosis } from '../src/diagnosis/diagnose.js';
import { kerasInput } from '../src/input/keras-input.js';
import { toCandidate } from '../src/pipeline/run.js';
import type { Pipeline } from '../src/pipeline/types.js';
import type { ReferencePreprocessing } from '../src/reference/types.js';
import { SIZE, tempDir, writeGoldenImages, type GoldenSet } from './helpers/fixtures.js';
import * as P from './helpers/pipelines.js';

const prep: ReferencePreprocessing = {
  mode: 'caffe',
  application: 'vgg16',
  targetSize: [SIZE, SIZE],
  interpolation: 'nearest',
  keepAspectRatio: false,
  colorMode: 'rgb',
  dataFormat: 'channels_last',
};

let golden: GoldenSet;
beforeAll(async () => {
  await tf.setBackend('cpu');
  golden = await writeGoldenImages(tempDir());
});

async function diagnoseWith(pipeline: Pipeline, file: string): Promise<Diagnosis | null> {
  const bytes = new Uint8Array(readFileSync(join(golden.dir, file)));
  const keras = await kerasInput(bytes, prep, file);
  const out = await pipeline(bytes, { file });
  const candidate = toCandidate(out, file, keras.shape);
  if ('dispose' in out) out.dispose();
  return diagnoseCandidate(bytes, file, prep, candidate, keras);
}

const ALL = ['alpha.png', 'exif-6.jpg', 'icc-p3.jpg', 'landscape.png', 'square.jpg', 'wide.png'];

// Normalization mistakes act on every image and must be named exactly, never confused with each other.
const normalization: Array<[string, Pipeline, string]> = [
  ['unit-scaling', P.unitScaling, 'x / 255'],
  ['symmetric-scaling', P.symmetricScaling, 'x / 127.5 - 1'],
  ['torch-normalization', P.torchNormalization, '(x / 255 - mean) / std'],
  ['raw-pixels', P.rawPixels, 'no preprocessing'],
  ['caffe-without-bgr', P.caffeWithoutBgr, 'on RGB'],
  ['channel-order', P.channelOrder, 'RGB order'],
  ['double-preprocessing', P.doublePreprocessing, 'twice'],
  ['scaled-then-mean', P.scaledThenMean, 'x / 127.5 - 1'],
  ['layout', P.layout, '[C, H, W]'],
];

describe.each(normalization)('%s', (code, pipeline, variant) => {
  test.each(ALL)('is found on %s, exactly, at the normalize stage', async (file) => {
    const d = await diagnoseWith(pipeline, file);
    expect(d?.code).toBe(code);
    expect(d?.stage).toBe('normalize');
    expect(d?.exact).toBe(true);
    expect(d?.variant).toContain(variant);
    expect(d?.errorAfter.maxAbsError).toBeLessThan(1e-3);
    expect(d?.errorBefore.maxAbsError).toBeGreaterThan(0.1);
    expect(d?.evidence).toMatch(/max abs error [\d.]+ → 0\.0+,/);
    expect(d?.also).toEqual([]);
  });
});

describe('decode and resize mistakes', () => {
  test('the correct pipeline has nothing to diagnose', async () => {
    for (const file of ALL) expect(await diagnoseWith(P.correct, file)).toBeNull();
  });

  test.each(['landscape.png', 'wide.png', 'exif-6.jpg'])('resize-crop: sharp default fit cover on non-square %s', async (file) => {
    const d = await diagnoseWith(P.resizeCrop, file);
    expect(d?.code).toBe('resize-crop');
    expect(d?.stage).toBe('resize');
    expect(d?.exact).toBe(true);
  });

  test.each(ALL)('resize-filter: sharp lanczos3 squash on %s', async (file) => {
    const d = await diagnoseWith(P.resizeFilter, file);
    expect(d?.code).toBe('resize-filter');
    expect(d?.variant).toContain("kernel: 'lanczos3'");
    expect(d?.exact).toBe(true);
  });

  test.each(['landscape.png', 'wide.png', 'square.jpg'])('resize-filter: tf.image.resizeBilinear on %s', async (file) => {
    const d = await diagnoseWith(P.tfBilinear, file);
    expect(d?.code).toBe('resize-filter');
    expect(d?.variant).toContain('resizeBilinear');
  });

  test('icc-conversion only on the ICC-tagged image, at the decode stage', async () => {
    const d = await diagnoseWith(P.iccConversion, 'icc-p3.jpg');
    expect(d?.code).toBe('icc-conversion');
    expect(d?.stage).toBe('decode');
    expect(d?.firstStage).toBe('decode');
    expect(await diagnoseWith(P.iccConversion, 'landscape.png')).toBeNull();
  });

  test('exif-orientation only on the EXIF-rotated image', async () => {
    const d = await diagnoseWith(P.exifOrientation, 'exif-6.jpg');
    expect(d?.code).toBe('exif-orientation');
    expect(d?.stage).toBe('decode');
    expect(await diagnoseWith(P.exifOrientation, 'square.jpg')).toBeNull();
  });

  test('alpha-composited only on the image with alpha', async () => {
    const d = await diagnoseWith(P.alphaComposited, 'alpha.png');
    expect(d?.code).toBe('alpha-composited');
    expect(d?.variant).toContain('white');
    expect(await diagnoseWith(P.alphaComposited, 'wide.png')).toBeNull();
  });
});

test('layout: channels-first values reshaped to [H, W, C] without transposing', async () => {
  const reshaped: Pipeline = async (bytes, ctx) => {
    const chw = (await P.layout(bytes, ctx)) as tf.Tensor;
    const data = Float32Array.from(chw.dataSync());
    chw.dispose();
    return { data, shape: [SIZE, SIZE, 3] };
  };
  const d = await diagnoseWith(reshaped, 'landscape.png');
  expect(d?.code).toBe('layout');
  expect(d?.variant).toContain('without transposing');
  expect(d?.exact).toBe(true);
});

describe('combinations', () => {
  test('a crop plus /255 is diagnosed as unit-scaling, with the crop found too and the first divergence at resize', async () => {
    const d = await diagnoseWith(P.cropAndUnitScaling, 'wide.png');
    expect(d?.code).toBe('unit-scaling');
    expect(d?.also.map((f) => f.code)).toEqual(['resize-crop']);
    expect(d?.firstStage).toBe('resize');
    expect(d?.exact).toBe(true);
  });

  test('an unexplained change is "unknown", localized before normalization', async () => {
    const noisy: Pipeline = async (bytes, ctx) => {
      const x = (await P.correct(bytes, ctx)) as { data: Float32Array; shape: number[] };
      const data = x.data.map((v, i) => (i % 97 === 0 ? v + 40 : v));
      return { data, shape: x.shape };
    };
    const d = await diagnoseWith(noisy, 'landscape.png');
    expect(d?.code).toBe('unknown');
    expect(d?.stage).toBe('resize');
  });
});
