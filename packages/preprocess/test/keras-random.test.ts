/**
 * Re-runs REAL Keras on a fresh, seeded sample of random images and cases, so the port is not
 * tuned to the golden files. Replay a run with PREPGUARD_SEED=<seed printed below>.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  KERAS_APPLICATION_NAMES,
  type ColorMode,
  type DataFormat,
  type Interpolation,
} from '../src/index.js';
import { DecodeCache, maxAbsDiff, runKeras, runPort, type KerasCase } from './helpers/keras.js';
import { Random } from './helpers/random.js';

const seed = process.env.PREPGUARD_SEED ? Number(process.env.PREPGUARD_SEED) : Date.now() % 2 ** 31;
const rng = new Random(seed);

const INTERPOLATIONS: Interpolation[] = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'];
const MODES = ['caffe', 'tf', 'torch', null] as const;

type Kind = 'rgb' | 'rgba' | 'gray' | 'gray-alpha' | 'gray16' | 'rgb16';
const KIND_CHANNELS: Record<Kind, number> = { rgb: 3, rgba: 4, gray: 1, 'gray-alpha': 2, gray16: 1, rgb16: 3 };

/** Random pixels: uniform noise, smooth gradients with noise, or hard-edged blocks (max filter overshoot). */
function pixels(kind: Kind, width: number, height: number): Uint8Array | Uint16Array {
  const channels = KIND_CHANNELS[kind];
  const max = kind.endsWith('16') ? 65535 : 255;
  const data = max === 255 ? new Uint8Array(width * height * channels) : new Uint16Array(width * height * channels);
  const pattern = rng.pick(['noise', 'smooth', 'blocks'] as const);
  const block = rng.int(1, 9);
  const phase = Array.from({ length: channels }, () => rng.next() * 6);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let v: number;
        if (pattern === 'noise') v = rng.next();
        else if (pattern === 'smooth') v = 0.5 + 0.4 * Math.sin(x / 7 + phase[c]! + y / 11) + 0.1 * (rng.next() - 0.5);
        else v = ((Math.floor(x / block) + Math.floor(y / block) + c) * 2654435761) % 7 < 3 ? 0 : 1;
        data[(y * width + x) * channels + c] = Math.max(0, Math.min(max, Math.round(v * max)));
      }
    }
  }
  return data;
}

async function writePng(path: string, kind: Kind, width: number, height: number): Promise<void> {
  const channels = KIND_CHANNELS[kind] as 1 | 2 | 3 | 4;
  let img = sharp(pixels(kind, width, height), { raw: { width, height, channels } });
  if (kind === 'gray16') img = img.toColourspace('grey16');
  else if (kind === 'rgb16') img = img.toColourspace('rgb16');
  else if (kind === 'gray' || kind === 'gray-alpha') img = img.toColourspace('b-w');
  await img.png().toFile(path);
}

function randomSize(): [number, number] {
  const shape = rng.pick(['any', 'any', 'small', 'tall', 'wide'] as const);
  if (shape === 'small') return [rng.int(1, 12), rng.int(1, 12)];
  if (shape === 'tall') return [rng.int(1, 3), rng.int(150, 420)]; // height > 100 x width
  if (shape === 'wide') return [rng.int(150, 420), rng.int(1, 4)];
  return [rng.int(2, 360), rng.int(2, 360)];
}

function colorModeFor(kind: Kind): ColorMode {
  if (kind === 'rgba' || kind === 'gray-alpha') return rng.pick(['rgba', 'rgba', 'rgb', 'grayscale'] as const);
  if (kind === 'gray16') return rng.pick(['grayscale', 'grayscale', 'rgb'] as const);
  return rng.pick(['rgb', 'rgb', 'rgb', 'grayscale', 'rgba'] as const);
}

describe(`Keras parity on random images (seed ${seed})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prepguard-random-'));
  const cases: KerasCase[] = [];

  beforeAll(async () => {
    const kinds: Kind[] = ['rgb', 'rgb', 'rgb', 'rgba', 'gray', 'gray-alpha', 'gray16', 'rgb16'];
    for (let i = 0; i < 28; i++) {
      const kind = kinds[i % kinds.length]!;
      const [width, height] = randomSize();
      const image = join(dir, `random-${i}-${kind}-${width}x${height}.png`);
      await writePng(image, kind, width, height);
      for (let j = 0; j < 9; j++) {
        const up = rng.chance(0.35);
        const targetSize: [number, number] =
          j === 0 && rng.chance(0.3)
            ? [height, width] // already the target size: Keras skips the resize
            : up
              ? [rng.int(height, height * 3 + 2), rng.int(width, width * 3 + 2)]
              : [rng.int(1, Math.max(1, height)), rng.int(1, Math.max(1, width))];
        const colorMode = colorModeFor(kind);
        cases.push({
          id: `${i}/${j}`,
          image,
          targetSize: rng.chance(0.04) ? null : targetSize,
          interpolation: INTERPOLATIONS[(i * 9 + j) % INTERPOLATIONS.length]!,
          keepAspectRatio: rng.chance(0.5),
          colorMode,
          mode: colorMode === 'rgb' ? rng.pick(MODES) : rng.pick(['tf', null] as const),
          model: null,
          dataFormat: rng.chance(0.25) ? 'channels_first' : 'channels_last',
        });
      }
    }
    // Every application's own preprocess_input, against KERAS_APPLICATIONS.
    KERAS_APPLICATION_NAMES.forEach((model, k) => {
      const base = cases[rng.int(0, cases.length - 1)]!;
      cases.push({
        ...base,
        id: `model/${model}`,
        colorMode: 'rgb',
        mode: null,
        model,
        dataFormat: (k % 3 === 0 ? 'channels_first' : 'channels_last') as DataFormat,
      });
    });
  });

  test('every case is bit-exact with real Keras (>= 200 cases)', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const keras = runKeras(cases);
    const byId = new Map(keras.cases.map((r) => [r.id, r]));
    const cache = new DecodeCache();
    const mismatches: KerasCase[] = [];
    let exact = 0;
    for (const c of cases) {
      const expected = byId.get(c.id);
      const port = await runPort(c, cache);
      const same =
        expected !== undefined &&
        (expected.error !== null ? port.error !== null : port.error === null && port.sha256 === expected.sha256);
      if (same) exact++;
      else mismatches.push(c);
    }
    console.log(
      `${exact}/${cases.length} random cases bit-exact vs Keras ${keras.producer.keras} / Pillow ${keras.producer.pillow} (seed ${seed})`,
    );
    if (mismatches.length > 0) {
      // Explain the failures: re-run only those with raw buffers to measure the difference.
      const detail = runKeras(mismatches, { buffers: true });
      const lines: string[] = [];
      for (const c of mismatches) {
        const r = detail.cases.find((x) => x.id === c.id)!;
        const port = await runPort(c, cache);
        const diff =
          r.buffer && port.array ? maxAbsDiff(port.array.data, readFileSync(join(detail.dir, 'buffers', r.buffer))) : NaN;
        lines.push(
          `${c.id} ${JSON.stringify({ ...c, image: c.image.split('/').pop() })} keras=${r.error ?? r.shape} port=${port.error ?? port.array?.shape} maxAbsDiff=${diff}`,
        );
      }
      console.log(`Mismatches (replay with PREPGUARD_SEED=${seed}):\n${lines.join('\n')}`);
    }
    expect(mismatches.map((c) => c.id)).toEqual([]);
  }, 300_000);
});
