// loadImg (read + decode + colour conversion + resize) vs Keras' load_img (Pillow) on the
// golden images, per interpolation filter, in one run. Both sides are timed in alternating
// rounds and the fastest round of each is kept, so background load hits both alike.
//
//   npm run bench:preprocess            (builds @prepguard/preprocess first)
//   node bench/preprocess/index.mjs [--rounds N] [--size H W]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImg } from '@prepguard/preprocess';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, count, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args.slice(i + 1, i + 1 + count).map(Number);
};
const [rounds] = option('--rounds', 1, [3]);
const [height, width] = option('--size', 2, [224, 224]);
const FILTERS = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'];

const imageDir = join(root, 'golden', 'images');
const images = readdirSync(imageDir)
  .filter((f) => /\.(jpe?g|png|gif|webp|tiff?)$/i.test(f))
  .map((f) => join(imageDir, f));

function runPillow(filters) {
  const python = join(root, '.venv', 'bin', 'python');
  const run = spawnSync(
    python,
    [join(root, 'bench', 'preprocess', 'pillow_load_img.py'), '--images', ...images, '--size', String(height), String(width), '--rounds', '1', '--filters', ...filters],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  if (run.status !== 0) throw new Error(`Pillow benchmark failed (run "bash scripts/setup-python.sh"?):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

async function runPort(filter) {
  const start = performance.now();
  for (const path of images) await loadImg(path, { targetSize: [height, width], interpolation: filter });
  return (performance.now() - start) / 1000;
}

// Warm up the JIT and the file cache once per filter.
for (const filter of FILTERS) await runPort(filter);

const best = { port: {}, pillow: {} };
let producer;
for (let r = 0; r < rounds; r++) {
  const pillow = runPillow(FILTERS);
  producer = pillow.producer;
  for (const filter of FILTERS) {
    best.pillow[filter] = Math.min(best.pillow[filter] ?? Infinity, pillow.seconds[filter][0]);
    best.port[filter] = Math.min(best.port[filter] ?? Infinity, await runPort(filter));
  }
}

const ms = (s) => (s * 1000).toFixed(0).padStart(8);
console.log(
  `loadImg vs keras.utils.load_img: ${images.length} golden images -> ${height}x${width}, best of ${rounds} rounds ` +
    `(Keras ${producer.keras}, Pillow ${producer.pillow}; Node ${process.version})`,
);
console.log('filter      prepguard ms   Pillow ms   ratio (prepguard / Pillow)');
for (const filter of FILTERS) {
  const ratio = best.port[filter] / best.pillow[filter];
  console.log(`${filter.padEnd(10)}  ${ms(best.port[filter])}     ${ms(best.pillow[filter])}    ${ratio.toFixed(2)}x`);
}
const total = (side) => FILTERS.reduce((t, f) => t + best[side][f], 0);
console.log(`${'all'.padEnd(10)}  ${ms(total('port'))}     ${ms(total('pillow'))}    ${(total('port') / total('pillow')).toFixed(2)}x`);

// The formats decoded by this package rather than by libvips (formats/): the files of Pillow's own
// test corpus (fetched into the cache by scripts/pillow_corpus.py) that Keras loads, per format,
// nearest filter, same alternating best-of-rounds timing.
const corpusGolden = join(root, 'golden', 'pillow-corpus', 'keras-cases.json.gz');
const fetched = spawnSync(join(root, '.venv', 'bin', 'python'), [join(root, 'scripts', 'pillow_corpus.py'), 'fetch'], { encoding: 'utf8' });
if (fetched.status === 0) {
  const corpusDir = fetched.stdout.trim();
  const recording = JSON.parse(gunzipSync(readFileSync(corpusGolden)).toString('utf8'));
  // Option 3 of the recording is rgb 224x224 nearest: the files Keras loads that way.
  const groups = { BMP: ['BMP', 'DIB'], 'PBM/PGM/PPM/PFM': ['PPM'], TIFF: ['TIFF'] };
  console.log(`\nformats decoded by this package: Pillow ${recording.pins.pillow} test corpus files Keras loads -> ${height}x${width}, nearest, best of ${rounds} rounds`);
  console.log('format            files   prepguard ms   Pillow ms   ratio');
  for (const [label, formats] of Object.entries(groups)) {
    const files = Object.entries(recording.files)
      .filter(([, e]) => formats.includes(e.format) && !e.results[3].startsWith('!'))
      .map(([f]) => join(corpusDir, f));
    const usable = [];
    for (const f of files) {
      try {
        await loadImg(f, { targetSize: [height, width] });
        usable.push(f);
      } catch {
        // refused as unsupported (e.g. CIELab TIFF): not part of the timing
      }
    }
    let bestPort = Infinity;
    let bestPillow = Infinity;
    for (let r = 0; r < rounds; r++) {
      const py = spawnSync(
        join(root, '.venv', 'bin', 'python'),
        [join(root, 'bench', 'preprocess', 'pillow_load_img.py'), '--images', ...usable, '--size', String(height), String(width), '--rounds', '1', '--filters', 'nearest'],
        { encoding: 'utf8', maxBuffer: 16 << 20 },
      );
      bestPillow = Math.min(bestPillow, JSON.parse(py.stdout.trim().split('\n').pop()).seconds.nearest[0]);
      const start = performance.now();
      for (const f of usable) await loadImg(f, { targetSize: [height, width] });
      bestPort = Math.min(bestPort, (performance.now() - start) / 1000);
    }
    console.log(`${label.padEnd(16)}  ${String(usable.length).padStart(5)}   ${ms(bestPort)}      ${ms(bestPillow)}    ${(bestPort / bestPillow).toFixed(2)}x`);
  }
} else {
  console.log('\n(Pillow test corpus not available: skipped the formats decoded by this package)');
}
