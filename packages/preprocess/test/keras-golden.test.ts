/**
 * The port against every reference recorded by real Keras in golden/keras/ (see
 * golden/keras/manifest.json for the producer versions and the case matrix).
 * Every case must be bit-exact: same shape, same SHA-256 of the float32 buffer.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeCache, REPO_ROOT, runPort, type KerasCase } from './helpers/keras.js';

interface GoldenCase extends Omit<KerasCase, 'image'> {
  shape: number[] | null;
  sha256: string | null;
  error: string | null;
}

interface GoldenFile {
  image: string;
  imageSha256: string;
  producer: Record<string, string>;
  cases: GoldenCase[];
}

interface Manifest {
  producer: Record<string, string>;
  counts: { images: number; cases: number };
  images: { file: string; sha256: string; cases: number }[];
}

const GOLDEN = join(REPO_ROOT, 'golden');
const manifest = JSON.parse(readFileSync(join(GOLDEN, 'keras', 'manifest.json'), 'utf8')) as Manifest;
const cache = new DecodeCache();
const tally = { exact: 0, total: 0 };

afterAll(() => {
  console.log(
    `${tally.exact}/${tally.total} cases bit-exact vs Keras ${manifest.producer.keras} / Pillow ${manifest.producer.pillow} ` +
      `(${manifest.images.length} golden images)`,
  );
});

test('the manifest lists every recorded case', () => {
  expect(manifest.images.reduce((n, i) => n + i.cases, 0)).toBe(manifest.counts.cases);
  expect(manifest.images.length).toBeGreaterThanOrEqual(15);
});

describe.each(manifest.images.map((i) => [i.file]))('%s', (file) => {
  const golden = JSON.parse(readFileSync(join(GOLDEN, 'keras', `${file}.json`), 'utf8')) as GoldenFile;
  const imagePath = join(GOLDEN, 'images', file);

  test('references were recorded from this exact image file', () => {
    const actual = createHash('sha256').update(readFileSync(imagePath)).digest('hex');
    expect(actual).toBe(golden.imageSha256);
  });

  test(`all ${golden.cases.length} cases are bit-exact`, async () => {
    const mismatches: string[] = [];
    for (const c of golden.cases) {
      const port = await runPort({ ...c, image: imagePath }, cache);
      const exact =
        c.error !== null
          ? port.error !== null
          : port.error === null && port.sha256 === c.sha256 && JSON.stringify(port.array.shape) === JSON.stringify(c.shape);
      tally.total++;
      if (exact) tally.exact++;
      else mismatches.push(`${c.id}: keras=${c.error ?? c.sha256} port=${port.error ?? port.sha256}`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
