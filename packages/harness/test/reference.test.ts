import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReferenceFileError } from '../src/errors.js';
import type { Reference } from '../src/reference/types.js';
import { readReference, validateReference } from '../src/reference/validate.js';
import { writeReference } from '../src/reference/write.js';
import { tempDir } from './helpers/fixtures.js';

const hex = (c: string) => c.repeat(64);

function validReference(): Reference {
  return {
    format: 'prepguard-reference',
    version: 1,
    producer: { name: 'keras', versions: { keras: '3.15.1', tensorflow: '2.21.0', pillow: '13.0.0' }, createdAt: '2026-11-28T12:00:00Z' },
    model: { name: 'vgg16', weightsSha256: hex('a'), inputShape: [224, 224, 3], outputClasses: 1000 },
    preprocessing: { mode: 'caffe', application: 'vgg16', targetSize: [224, 224], interpolation: 'nearest', keepAspectRatio: false, colorMode: 'rgb', dataFormat: 'channels_last' },
    labels: null,
    images: [
      {
        file: 'cat.png',
        sha256: hex('b'),
        input: { shape: [224, 224, 3], sha256: hex('c'), channels: { mean: [1, 2, 3], std: [1, 1, 1], min: [0, 0, 0], max: [9, 9, 9] } },
        topK: [
          { index: 285, label: null, probability: 0.4 },
          { index: 281, label: null, probability: 0.3 },
        ],
        layers: { block5_pool: { shape: [7, 7, 2], mean: 0.5, std: 0.1, min: 0, max: 1, l2: 3, zeroFraction: 0.2, channelMean: [0.4, 0.6] } },
      },
    ],
  };
}

test('a valid reference passes and is returned typed', () => {
  expect(validateReference(validReference()).model.name).toBe('vgg16');
});

test.each<[string, (r: Record<string, any>) => void, RegExp]>([
  ['another format', (r) => (r.format = 'something-else'), /"format" is "something-else"/],
  ['a newer version', (r) => (r.version = 2), /version 2 is not supported/],
  ['a missing version', (r) => delete r.version, /version undefined is not supported/],
  ['a tampered weights hash', (r) => (r.model.weightsSha256 = 'xyz'), /\/model\/weightsSha256 must match pattern/],
  ['an unknown mode', (r) => (r.preprocessing.mode = 'imagenet'), /\/preprocessing\/mode must be equal to one of the allowed values/],
  ['an image hash that is not hex', (r) => (r.images[0].sha256 = hex('G')), /\/images\/0\/sha256/],
  ['a probability given as text', (r) => (r.images[0].topK[0].probability = '0.4'), /\/images\/0\/topK\/0\/probability must be number/],
  ['an extra field', (r) => (r.images[0].extra = 1), /must NOT have additional properties/],
  ['a zero fraction above 1', (r) => (r.images[0].layers.block5_pool.zeroFraction = 1.5), /zeroFraction must be <= 1/],
  ['no images', (r) => (r.images = []), /\/images must NOT have fewer than 1 items/],
  ['channel stats of the wrong length', (r) => (r.images[0].input.channels.mean = [1, 2]), /input.channels.mean has 2 entries for 3 channels/],
  ['a channel-mean vector of the wrong length', (r) => (r.images[0].layers.block5_pool.channelMean = [1]), /layer block5_pool has 1 channel means for 2 channels/],
  ['a class index beyond the outputs', (r) => (r.images[0].topK[0].index = 1000), /top-k index 1000 ≥ outputClasses 1000/],
  ['a duplicated image', (r) => r.images.push(structuredClone(r.images[0])), /cat.png is listed twice/],
  ['labels of the wrong length', (r) => (r.labels = ['cat']), /labels has 1 entries for 1000 output classes/],
])('rejects %s with a ReferenceFileError naming the file and problem', (_name, tamper, message) => {
  const ref = validReference() as unknown as Record<string, any>;
  tamper(ref);
  let error: unknown;
  try {
    validateReference(ref, 'golden/vgg16.reference.json');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReferenceFileError);
  expect((error as ReferenceFileError).file).toBe('golden/vgg16.reference.json');
  expect((error as Error).message).toMatch(message);
});

test('readReference: missing file, invalid JSON, not an object', () => {
  const dir = tempDir();
  expect(() => readReference(join(dir, 'none.json'))).toThrow(/none.json: file not found/);
  writeFileSync(join(dir, 'broken.json'), '{"format": ');
  expect(() => readReference(join(dir, 'broken.json'))).toThrow(/broken.json: is not valid JSON/);
  writeFileSync(join(dir, 'array.json'), '[]');
  expect(() => readReference(join(dir, 'array.json'))).toThrow(/is not a JSON object/);
});

test('writeReference round-trips and never replaces an existing file without force', () => {
  const file = join(tempDir(), 'sub', 'ref.json');
  writeReference(validReference(), file);
  expect(readReference(file)).toEqual(validReference());
  expect(() => writeReference(validReference(), file)).toThrow(/already exists; pass force/);
  const changed = validReference();
  changed.model.name = 'vgg19';
  writeReference(changed, file, { force: true });
  expect(JSON.parse(readFileSync(file, 'utf8')).model.name).toBe('vgg19');
});
