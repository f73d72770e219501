/**
 * The diagnosis names normalization mistakes it was not written from: each variant below is an
 * independent way to get a mistake wrong (other mean order, other constant, partial recipe, another
 * place for the channel flip), computed in plain JS on Keras' own pixels of real golden images, and
 * must get the code of its mistake class (packages/harness/src/diagnosis/naming.ts), not merely
 * "something is wrong". No model is needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { diagnose } from '../src/diagnosis/diagnose.js';
import { kerasInput, type KerasInput } from '../src/input/keras-input.js';
import type { ReferencePreprocessing } from '../src/reference/types.js';
import { GOLDEN_IMAGES } from './helpers/models.js';

const prep: ReferencePreprocessing = {
  mode: 'caffe',
  application: 'vgg16',
  targetSize: [224, 224],
  interpolation: 'nearest',
  keepAspectRatio: false,
  colorMode: 'rgb',
  dataFormat: 'channels_last',
};

/** Colour photos: a grey image cannot show which channel went where. */
const FILES = ['chelsea.png', 'rocket.jpg'];

type Rgb = [number, number, number];
/** One pixel's RGB values (0..255) → the three values the mistaken pipeline feeds the model. */
type PixelMap = (rgb: Rgb) => number[];

const RGB_MEANS: Rgb = [123.68, 116.779, 103.939];
const BGR_MEANS: Rgb = [103.939, 116.779, 123.68];
const TORCH_MEAN: Rgb = [0.485, 0.456, 0.406];
const TORCH_STD: Rgb = [0.229, 0.224, 0.225];
const bgr = ([r, g, b]: Rgb): Rgb => [b, g, r];
const sub = (x: number[], m: number[]) => x.map((v, i) => v - m[i]!);
const caffe = (rgb: Rgb) => sub(bgr(rgb), BGR_MEANS);

const VARIANTS: Array<[string, string, PixelMap]> = [
  ['unit-scaling', 'x / 255', (p) => p.map((v) => v / 255)],
  ['unit-scaling', 'BGR, then x / 255', (p) => bgr(p).map((v) => v / 255)],
  ['unit-scaling', 'x / 256 (off by one)', (p) => p.map((v) => v / 256)],
  ['symmetric-scaling', 'x / 127.5 - 1', (p) => p.map((v) => v / 127.5 - 1)],
  ['symmetric-scaling', '(x - 127.5) / 127.5 on BGR', (p) => bgr(p).map((v) => (v - 127.5) / 127.5)],
  ['symmetric-scaling', 'x / 128 - 1', (p) => p.map((v) => v / 128 - 1)],
  ['torch-normalization', '(x / 255 - mean) / std', (p) => p.map((v, i) => (v / 255 - TORCH_MEAN[i]!) / TORCH_STD[i]!)],
  ['torch-normalization', 'BGR, then (x / 255 - mean) / std', (p) => bgr(p).map((v, i) => (v / 255 - TORCH_MEAN[i]!) / TORCH_STD[i]!)],
  ['torch-normalization', 'x / 255 - mean (std forgotten)', (p) => p.map((v, i) => v / 255 - TORCH_MEAN[i]!)],
  ['raw-pixels', 'x', (p) => [...p]],
  ['raw-pixels', 'BGR x', (p) => bgr(p)],
  ['caffe-without-bgr', 'RGB minus BGR-ordered means', (p) => sub(p, BGR_MEANS)],
  ['caffe-without-bgr', 'RGB minus RGB-ordered means', (p) => sub(p, RGB_MEANS)],
  ['caffe-without-bgr', 'caffe, then the channels reversed again', (p) => bgr(caffe(p) as Rgb)],
  ['caffe-without-bgr', "RGB minus HED's own means [104.007, 116.669, 122.679]", (p) => sub(p, [104.00699, 116.66877, 122.67892])],
  ['caffe-without-bgr', 'RGB minus rounded means [124, 117, 104]', (p) => sub(p, [124, 117, 104])],
  ['channel-order', 'BGR minus RGB-ordered means', (p) => sub(bgr(p), RGB_MEANS)],
  ['double-preprocessing', 'caffe(caffe(x))', (p) => caffe(caffe(p) as Rgb)],
  ['double-preprocessing', 'caffe, then the means subtracted again', (p) => sub(caffe(p), BGR_MEANS)],
  ['scaled-then-mean', '(x / 127.5 - 1) - RGB means, no flip', (p) => sub(p.map((v) => v / 127.5 - 1), RGB_MEANS)],
  ['scaled-then-mean', '(x / 127.5 - 1) - BGR means, no flip', (p) => sub(p.map((v) => v / 127.5 - 1), BGR_MEANS)],
  ['scaled-then-mean', 'caffe(x / 127.5 - 1)', (p) => caffe(p.map((v) => v / 127.5 - 1) as Rgb)],
  ['scaled-then-mean', 'x / 255 - RGB means', (p) => sub(p.map((v) => v / 255), RGB_MEANS)],
  ['scaled-then-mean', '(x - RGB means) / 127.5 - 1', (p) => sub(p, RGB_MEANS).map((v) => v / 127.5 - 1)],
  ['scaled-then-mean', 'BGR, then (x - BGR means) / 127.5', (p) => sub(bgr(p), BGR_MEANS).map((v) => v / 127.5)],
];

function applyMap(pixels: ArrayLike<number>, map: PixelMap): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 3) out.set(map([pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]), i);
  return out;
}

const inputs = new Map<string, { bytes: Uint8Array; keras: KerasInput }>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const file of FILES) {
    const bytes = new Uint8Array(readFileSync(join(GOLDEN_IMAGES, file)));
    inputs.set(file, { bytes, keras: await kerasInput(bytes, prep, file) });
  }
});

async function codeFor(file: string, map: PixelMap): Promise<string | null> {
  const { bytes, keras } = inputs.get(file)!;
  const candidate = applyMap(keras.pixels.data, map);
  const diagnosis = await diagnose({
    bytes,
    file,
    prep,
    candidate,
    shape: [224, 224, 3],
    channelsFirst: false,
    referencePixels: keras.pixels.data,
    referenceInput: keras.data,
  });
  return diagnosis?.code ?? null;
}

test('the variants cover every normalization code and at least 20 ways to get them wrong', () => {
  expect(VARIANTS.length).toBeGreaterThanOrEqual(20);
  expect(new Set(VARIANTS.map(([code]) => code)).size).toBe(8); // all but layout, which is not a value map
});

// Each variant on one photo, alternating between the two: a diagnosis costs about a second of CPU.
test.each(VARIANTS.map(([code, description, map], i) => [code, description, FILES[i % FILES.length]!, map] as const))(
  '%s: %s, on %s',
  async (code, _description, file, map) => {
    expect(await codeFor(file, map)).toBe(code);
  },
  60_000,
);
