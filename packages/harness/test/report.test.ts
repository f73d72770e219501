/**
 * The HTML report of a realistic run: VGG16 (made by real Keras) at 224×224 on four golden photos,
 * with a pipeline that makes every picture differ (x / 255). It must name the model and reference,
 * stay small enough to attach to a CI run, and show what the pictures and histograms promise.
 */
import { join } from 'node:path';
import { selectBackend } from '../src/backend.js';
import { runCheck } from '../src/check/run-check.js';
import type { CheckReport } from '../src/check/types.js';
import { renderHtmlReport } from '../src/report/html.js';
import { kerasVgg16, REPO_ROOT, type KerasTestModel } from './helpers/models.js';

/** The demo's images: a photo, an ICC-tagged JPEG, an EXIF-rotated JPEG and a PNG with an alpha ramp. */
const FOUR = ['chelsea.png', 'exif-orientation-6.jpg', 'rgba-alpha-ramp.png', 'rocket.jpg'];
const MAX_PAGE_BYTES = 600 * 1024;

let keras: KerasTestModel;
let report: CheckReport;
let html: string;

beforeAll(async () => {
  await selectBackend();
  keras = await kerasVgg16();
  report = await runCheck({
    pipeline: join(REPO_ROOT, 'examples/pipelines/unit-scaling.ts'),
    model: keras.modelJson,
    reference: keras.reference,
    images: keras.images,
    only: FOUR,
    collectArtifacts: true,
  });
  html = await renderHtmlReport(report);
}, 15 * 60_000);

test(`a page of 4 images with every picture stays under ${MAX_PAGE_BYTES / 1024} kB`, () => {
  expect(report.images.map((i) => i.status)).toEqual(['fail', 'fail', 'fail', 'fail']);
  // 5 pictures per image: golden, Keras input, yours, your pixels undoing x / 255, the difference.
  expect(html.match(/<img /g)).toHaveLength(4 * 5);
  expect(Buffer.byteLength(html)).toBeLessThanOrEqual(MAX_PAGE_BYTES);
});

test('the header names the model and the reference by path, never a placeholder', () => {
  expect(html).toContain(`model <code>vgg16</code> from <code>${keras.modelJson}</code>`);
  expect(html).toContain(`reference <code>${keras.reference}</code>`);
  expect(html).not.toContain('&lt;model&gt;');
});

test('histograms are at least 300 px wide per channel, with axes and the channel names of caffe mode (BGR)', () => {
  const svgs = html.match(/<svg [^>]*aria-label="value histograms per channel \(B, G, R\)"[^>]*>/g) ?? [];
  expect(svgs).toHaveLength(4);
  for (const svg of svgs) expect(Number(/width="(\d+)"/.exec(svg)![1]) / 3).toBeGreaterThanOrEqual(300);
  for (const name of ['B channel', 'G channel', 'R channel', 'value (model-input units)']) expect(html).toContain(name);
});

test('thumbnails open at full size on click; the golden picture keeps its transparency over a checkerboard', () => {
  expect(html).toMatch(/<figure id="img-rgba-alpha-ramp_png-fig0" class="alpha"><a href="#img-rgba-alpha-ramp_png-fig0"/);
  expect(html).toContain('figure:target');
  expect(html).toContain('repeating-conic-gradient');
  // Only the image with transparency says so.
  expect(html.match(/alt="golden image \(transparent parts over a checkerboard/g)).toHaveLength(1);
  expect(html.match(/alt="golden image"/g)).toHaveLength(3);
  expect(html).not.toMatch(/<(script|link)\b/);
});

test('no "tolerance that would pass" where the top-1 class changed', () => {
  expect(report.images.every((i) => i.top1 && !i.top1.pass)).toBe(true);
  expect(html).not.toContain('Measured on this image');
  expect(html).not.toContain('Tolerance that would have passed');
});
