/**
 * The exported building blocks behave as documented on their own (the Keras comparisons cover
 * them end to end; these pin the contracts other packages rely on).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  decodeImage,
  imgToArray,
  kerasBox,
  loadImg,
  loadImgFromDecoded,
  resizeImage,
  type KerasImage,
} from '../src/index.js';
import { PYTHON, REPO_ROOT } from './helpers/keras.js';
import { Random } from './helpers/random.js';

const rng = new Random(7);
const image = (w: number, h: number, c: number): KerasImage => ({
  width: w,
  height: h,
  channels: c,
  data: new Uint8Array(w * h * c).map(() => rng.int(0, 255)),
});

test('kerasBox: the centred region with the target aspect ratio, floor-divided like Keras', () => {
  // The worked example from Keras' keep_aspect_ratio code: 500x375 to a square keeps the full height.
  expect(kerasBox(500, 375, 224, 224)).toEqual([62, 0, 437, 375]);
  // Wider target on a tall image keeps the full width.
  expect(kerasBox(100, 300, 320, 180)).toEqual([0, 122, 100, 178]);
  for (let i = 0; i < 200; i++) {
    const [w, h, tw, th] = [rng.int(1, 5000), rng.int(1, 5000), rng.int(1, 800), rng.int(1, 800)];
    const [l, t, r, b] = kerasBox(w, h, tw, th);
    expect(l).toBeGreaterThanOrEqual(0);
    expect(t).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThanOrEqual(w);
    expect(b).toBeLessThanOrEqual(h);
    // One side is always kept whole.
    expect(r - l === w || b - t === h).toBe(true);
  }
});

test('resizeImage accepts a KerasImage without a mode and infers it from the bands', () => {
  for (const channels of [1, 3, 4]) {
    const img = image(13, 9, channels);
    const mode = ({ 1: 'L', 3: 'RGB', 4: 'RGBA' } as const)[channels as 1 | 3 | 4];
    const a = resizeImage(img, [5, 7], 'bicubic');
    const b = resizeImage({ ...img, mode }, [5, 7], 'bicubic');
    expect(a.mode).toBe(mode);
    expect(a.data).toEqual(b.data);
  }
});

test('resizeImage: same size and whole box is an untouched copy; an integral box of the output size is a crop', () => {
  const img = { ...image(6, 4, 3), mode: 'RGB' as const };
  const same = resizeImage(img, [4, 6], 'lanczos');
  expect(same.data).toEqual(img.data);
  expect(same.data).not.toBe(img.data);
  const crop = resizeImage(img, [2, 3], 'lanczos', [1, 1, 4, 3]);
  expect(Array.from(crop.data.subarray(0, 3))).toEqual(Array.from(img.data.subarray((1 * 6 + 1) * 3, (1 * 6 + 1) * 3 + 3)));
});

test('resizeImage refuses unknown filters and non-integer sizes', () => {
  const img = image(4, 4, 3);
  expect(() => resizeImage(img, [2, 2], 'area' as never)).toThrow(/Invalid interpolation method "area"/);
  expect(() => resizeImage(img, [2.5, 2], 'nearest')).toThrow(/positive integers/);
});

test('loadImg(path) equals decodeImage + loadImgFromDecoded', async () => {
  const file = join(REPO_ROOT, 'golden', 'images', 'chelsea.png');
  const options = { targetSize: [180, 320] as [number, number], interpolation: 'hamming' as const, keepAspectRatio: true };
  const direct = await loadImg(file, options);
  const split = loadImgFromDecoded(await decodeImage(file), options);
  expect(direct.data).toEqual(split.data);
  expect([direct.height, direct.width, direct.channels]).toEqual([180, 320, 3]);
});

test('16-bit grayscale keeps 0..65535 in grayscale mode and clamps at 255 in rgb mode', async () => {
  const file = join(REPO_ROOT, 'golden', 'images', 'gray16.png');
  const gray = await loadImg(file, { colorMode: 'grayscale' });
  expect(gray.data).toBeInstanceOf(Uint16Array);
  const rgb = await loadImg(file);
  expect(rgb.data).toBeInstanceOf(Uint8Array);
  for (let i = 0; i < gray.data.length; i += 97) expect(rgb.data[i * 3]).toBe(Math.min(255, gray.data[i]!));
});

test('imgToArray: channels_first is the transpose of channels_last', () => {
  const img = image(5, 3, 3);
  const last = imgToArray(img);
  const first = imgToArray(img, { dataFormat: 'channels_first' });
  expect(last.shape).toEqual([3, 5, 3]);
  expect(first.shape).toEqual([3, 3, 5]);
  for (let y = 0; y < 3; y++)
    for (let x = 0; x < 5; x++)
      for (let c = 0; c < 3; c++) expect(first.data[c * 15 + y * 5 + x]).toBe(last.data[(y * 5 + x) * 3 + c]);
  expect(() => imgToArray(img, { dataFormat: 'NCHW' as never })).toThrow(/data_format/);
});

test('resizeImage: a box outside the image raises like Pillow (real Pillow decides which ones)', () => {
  const boxes: Array<[number, number, number, number]> = [
    [-1, 0, 5, 5],
    [0, 0, 11, 8],
    [0, 0, 10, 9],
    [0, 0, 10.5, 8],
    [5, 0, 4, 8],
    [3, 3, 3, 5],
    [0.5, 0, 10, 8],
    [0, 0, 10, 8],
  ];
  // Real Pillow on a 10x8 image: "ok" or the ValueError message.
  const script = `
import json, sys
from PIL import Image
im = Image.new("RGB", (10, 8))
out = []
for box in json.load(sys.stdin):
    try:
        im.resize((4, 4), Image.BILINEAR, box=tuple(box)); out.append("ok")
    except ValueError as e:
        out.append(str(e))
print(json.dumps(out))`;
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(boxes), encoding: 'utf8' });
  expect(run.status).toBe(0);
  const pillow = JSON.parse(run.stdout) as string[];
  const img = { width: 10, height: 8, channels: 3, data: new Uint8Array(240) };
  boxes.forEach((box, i) => {
    for (const filter of ['nearest', 'bilinear'] as const) {
      const port = (() => {
        try {
          resizeImage(img, [4, 4], filter, box);
          return 'ok';
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
          return (err as Error).message.replace(/ \d+x\d+/, '').replace(/: \[.*\]$/, '');
        }
      })();
      expect([box, filter, port]).toEqual([box, filter, pillow[i]]);
    }
  });
});
