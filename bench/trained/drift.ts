/**
 * `npm run bench:trained`: how far each preprocessing mistake moves VGG16's features, on seeded
 * random weights (the default test model) and on trained ones (HED's VGG16 backbone, fine-tuned
 * from ImageNet on BSDS500; scripts/trained_vgg16.py), with the harness's default tolerances.
 *
 * Every pipeline in examples/pipelines/ runs through the harness on the golden images that show its
 * mistake; per image the harness compares block1_pool … block5_pool with Keras' reference. Printed
 * and written to bench/trained/results.md (+ .json): per mistake and model, the largest relative
 * error of a block's mean/std/L2 and the cosine of its channel means (worst image), the top-5
 * overlap, and the verdict.
 *
 * Needs the Python venv (records both references with real Keras on first run, cached).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_TOLERANCE, loadModel, runCheck, selectBackend } from '@prepguard/harness';
import {
  cachedRecording,
  GOLDEN_IMAGES,
  kerasModelKey,
  kerasTrainedVgg16,
  kerasVgg16,
  RECORD_SCRIPT,
  REPO_ROOT,
} from '../../packages/harness/test/helpers/models.js';

const BLOCKS = ['block1_pool', 'block2_pool', 'block3_pool', 'block4_pool', 'block5_pool'];
const PHOTOS = ['chelsea.png', 'rocket.jpg', 'coffee.png'];
/** Per example, the golden images that carry its mistake (normalization mistakes act on any photo). */
const CASES: Record<string, string[]> = {
  'correct.ts': PHOTOS,
  'unit-scaling.ts': PHOTOS,
  'symmetric-scaling.ts': PHOTOS,
  'torch-normalization.ts': PHOTOS,
  'raw-pixels.ts': PHOTOS,
  'caffe-without-bgr.ts': PHOTOS,
  'channel-order.ts': PHOTOS,
  'double-preprocessing.ts': PHOTOS,
  'scaled-then-mean.ts': PHOTOS,
  'layout.ts': PHOTOS,
  'resize-crop.ts': ['chelsea.png', 'wide-20to1.png'],
  'resize-filter.ts': ['chelsea.png', 'coffee.png'],
  'icc-conversion.ts': ['rocket.jpg'],
  'exif-orientation.ts': ['exif-orientation-6.jpg', 'exif-orientation-8.jpg'],
  'alpha-composited.ts': ['rgba-alpha-ramp.png', 'palette-trns.png'],
};

interface Row {
  example: string;
  model: string;
  images: number;
  /** Per block, worst image: max relative error of mean/std/L2, and cosine of the channel means. */
  blocks: Record<string, { relError: number; cosine: number }>;
  /**
   * The image closest to passing: its largest relative error over all blocks, and its lowest cosine
   * (a layer tolerance above this relative error and below this cosine lets that image pass).
   */
  closest: { relError: number; cosine: number };
  top5Overlap: number;
  statuses: string[];
  codes: string[];
}

/** The seeded model's reference with every block recorded (the test model records block5_pool only). */
async function seededAllBlocks() {
  const seeded = await kerasVgg16();
  const allBlocks = await cachedRecording(
    `vgg16-seed0-blocks-${kerasModelKey(0)}`,
    'the seeded VGG16 reference with block1..5 statistics',
    (out) => [RECORD_SCRIPT, '--model', 'vgg16', '--weights', 'none', '--seed', '0', '--images', GOLDEN_IMAGES,
      '--layers', BLOCKS.join(','), '--out', join(out, 'reference.json')],
  );
  return { modelJson: seeded.modelJson, reference: allBlocks.reference };
}

async function measure(name: string, modelJson: string, reference: string): Promise<Row[]> {
  const loaded = await loadModel(modelJson);
  const rows: Row[] = [];
  for (const [example, only] of Object.entries(CASES)) {
    const report = await runCheck({ pipeline: join(REPO_ROOT, 'examples/pipelines', example), model: loaded.model, reference, images: GOLDEN_IMAGES, only });
    const blocks: Row['blocks'] = {};
    for (const block of BLOCKS) {
      const layers = report.images.map((image) => image.layers[block]).filter((l) => l !== undefined);
      blocks[block] = {
        relError: Math.max(...layers.map((l) => l.minimumPassing.layerRelError)),
        cosine: Math.min(...layers.map((l) => l.channelMeanCosine)),
      };
    }
    const perImage = report.images.map((image) => {
      const layers = BLOCKS.map((block) => image.layers[block]).filter((l) => l !== undefined);
      return {
        relError: Math.max(...layers.map((l) => l.minimumPassing.layerRelError)),
        cosine: Math.min(...layers.map((l) => l.channelMeanCosine)),
      };
    });
    rows.push({
      example: example.replace(/\.ts$/, ''),
      closest: {
        relError: Math.min(...perImage.map((p) => p.relError)),
        cosine: Math.max(...perImage.map((p) => p.cosine)),
      },
      model: name,
      images: report.images.length,
      blocks,
      top5Overlap: Math.min(...report.images.map((image) => image.topK?.overlap ?? 0)),
      statuses: report.images.map((image) => image.status),
      codes: [...new Set(report.images.map((image) => image.diagnosis?.code ?? '–'))],
    });
    process.stderr.write(`${name}: ${example} done\n`);
  }
  (loaded.model as tf.LayersModel).dispose();
  return rows;
}

const pct = (v: number) => (v >= 10 ? `${v.toFixed(0)}×` : `${(v * 100).toFixed(v < 0.001 ? 3 : 1)}%`);

function markdown(rows: Row[], backend: string): string {
  const header = ['mistake', 'weights', ...BLOCKS.map((b) => b.replace('_pool', '')), 'closest image', 'top-5', 'verdicts', 'diagnosis'];
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on the ${backend} backend; golden images per mistake as in bench/trained/drift.ts.`,
    'Block cells: worst image\'s largest relative error of the block\'s mean/std/L2 · cosine of its channel-mean vector.',
    '"closest image": the image nearest to passing, its largest relative error over all blocks · its lowest cosine.',
    'top-5: lowest overlap of the top-5 (seeded: of the 1000 classes; trained: of the 512 pooled block5 channels).',
    `Default tolerances: layerRelError ${DEFAULT_TOLERANCE.layerRelError}, layerMinCosine ${DEFAULT_TOLERANCE.layerMinCosine}.`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
  ];
  for (const r of rows) {
    const cells = BLOCKS.map((b) => `${pct(r.blocks[b]!.relError)} · ${r.blocks[b]!.cosine.toFixed(3)}`);
    lines.push(`| ${r.example} | ${r.model} | ${cells.join(' | ')} | ${pct(r.closest.relError)} · ${r.closest.cosine.toFixed(4)} | ${r.top5Overlap.toFixed(1)} | ${r.statuses.join(' ')} | ${r.codes.join(', ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const backend = await selectBackend();
  const seeded = await seededAllBlocks();
  const trained = await kerasTrainedVgg16();
  const rows: Row[] = [];
  const seededRows = await measure('seeded', seeded.modelJson, seeded.reference);
  const trainedRows = await measure('trained', trained.modelJson, trained.reference);
  for (let i = 0; i < seededRows.length; i++) rows.push(seededRows[i]!, trainedRows[i]!);
  const md = markdown(rows, backend.name);
  console.log(md);
  writeFileSync(join(REPO_ROOT, 'bench/trained/results.md'), md);
  writeFileSync(join(REPO_ROOT, 'bench/trained/results.json'), `${JSON.stringify({ backend: backend.name, blocks: BLOCKS, rows }, null, 1)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
