/**
 * Pictures for the HTML report, as inline data URLs (PNG made with sharp) and inline SVG, so the
 * report is one self-contained file.
 */
import sharp, { type Sharp } from 'sharp';
import type { ImageArtifacts } from '../check/types.js';
import { invertAffine, modeAffine, type ChannelAffine } from '../diagnosis/affine.js';

export interface ImageVisuals {
  /** The golden file as Keras reads it (no EXIF rotation, no ICC conversion). */
  golden: string;
  /** The Keras input, de-normalized to pixels. */
  reference: string;
  /** The pipeline's input, de-normalized with the reference's preprocessing (so mistakes show). */
  candidate: string | null;
  /** Per-pixel max abs difference over channels, black (0) → red → yellow → white (max). */
  diff: string | null;
  /** Largest value of the heatmap scale, in model-input units. */
  diffMax: number;
  /** Per-channel histograms of reference vs candidate values, inline SVG. */
  histograms: string;
  /** The pixels the pipeline fed to its (mistaken) normalization, recovered by undoing it; null without a normalization diagnosis. */
  recovered: string | null;
  /** What `recovered` undid, e.g. "x / 255". */
  recoveredVariant: string | null;
}

const DISPLAY = 192;

async function pngDataUrl(s: Sharp): Promise<string> {
  return `data:image/png;base64,${(await s.png({ compressionLevel: 9 }).toBuffer()).toString('base64')}`;
}

function toPixels(values: Float32Array, affine: ChannelAffine): Buffer {
  const pixels = invertAffine(affine, values);
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(pixels[i]!)));
  return out;
}

function rawPng(data: Buffer, w: number, h: number, channels: 1 | 3): Promise<string> {
  const scale = Math.max(1, Math.floor(DISPLAY / Math.max(w, h)));
  return pngDataUrl(sharp(data, { raw: { width: w, height: h, channels } }).resize(w * scale, h * scale, { kernel: 'nearest' }));
}

/** Black → red → yellow → white, for t in [0, 1]. */
function heat(t: number): [number, number, number] {
  const v = Math.max(0, Math.min(1, t)) * 3;
  return [Math.min(1, v), Math.min(1, Math.max(0, v - 1)), Math.min(1, Math.max(0, v - 2))].map((x) => Math.round(x * 255)) as [number, number, number];
}

function histogramSvg(reference: Float32Array, candidate: Float32Array | null): string {
  const bins = 48;
  const all = candidate ? [reference, candidate] : [reference];
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of all) for (const v of arr) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) hi = lo + 1;
  const names = ['channel 0', 'channel 1', 'channel 2'];
  const width = 180;
  const height = 70;
  const panels = names.map((name, c) => {
    const counts = all.map((arr) => {
      const h = new Array<number>(bins).fill(0);
      for (let i = c; i < arr.length; i += 3) h[Math.min(bins - 1, Math.floor(((arr[i]! - lo) / (hi - lo)) * bins))]!++;
      return h;
    });
    // Each series is scaled to its own peak: a spiky candidate must not flatten the reference's shape.
    const line = (h: number[]) => {
      const peak = Math.max(1, ...h);
      return h.map((n, i) => `${((i + 0.5) * width) / bins},${height - (n / peak) * (height - 4)}`).join(' ');
    };
    const [ref, cand] = counts;
    return (
      `<g transform="translate(${c * (width + 16)},0)">` +
      `<rect width="${width}" height="${height}" fill="#fafafa" stroke="#ddd"/>` +
      `<polyline points="${line(ref!)}" fill="none" stroke="#2563eb" stroke-width="1.5"/>` +
      (cand ? `<polyline points="${line(cand)}" fill="none" stroke="#dc2626" stroke-width="1.5" stroke-dasharray="4 2"/>` : '') +
      `<text x="4" y="${height + 12}" font-size="10">${name}: ${lo.toPrecision(3)} … ${hi.toPrecision(3)}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${3 * width + 32}" height="${height + 16}" role="img" aria-label="per-channel histograms">` +
    panels.join('') +
    '</svg>'
  );
}

/** Renders every picture of one image's section. */
export async function renderVisuals(artifacts: ImageArtifacts): Promise<ImageVisuals> {
  const [h, w] = artifacts.shape as [number, number, number];
  const golden = await pngDataUrl(
    sharp(artifacts.image, { ignoreIcc: true, failOn: 'none' }).removeAlpha().resize(DISPLAY, DISPLAY, { fit: 'inside', withoutEnlargement: false }),
  ).catch(() => '');
  const reference = await rawPng(toPixels(artifacts.referenceInput, modeAffine(artifacts.mode)), w, h, 3);
  const cand = artifacts.candidateInput && artifacts.candidateInput.length === artifacts.referenceInput.length ? artifacts.candidateInput : null;
  let candidate: string | null = null;
  let diff: string | null = null;
  let diffMax = 0;
  if (cand) {
    candidate = await rawPng(toPixels(cand, modeAffine(artifacts.mode)), w, h, 3);
    const perPixel = new Float64Array(w * h);
    for (let i = 0; i < cand.length; i++) {
      const p = Math.floor(i / 3);
      perPixel[p] = Math.max(perPixel[p]!, Math.abs(cand[i]! - artifacts.referenceInput[i]!));
    }
    diffMax = perPixel.reduce((a, b) => Math.max(a, b), 0);
    const rgb = Buffer.alloc(w * h * 3);
    perPixel.forEach((d, p) => rgb.set(heat(diffMax > 0 ? d / diffMax : 0), p * 3));
    diff = await rawPng(rgb, w, h, 3);
  }
  const undo = artifacts.diagnosedNormalization;
  const recovered = cand && undo ? await rawPng(toPixels(cand, undo.affine), w, h, 3) : null;
  return {
    golden,
    reference,
    candidate,
    diff,
    diffMax,
    histograms: histogramSvg(artifacts.referenceInput, cand),
    recovered,
    recoveredVariant: recovered ? undo!.variant : null,
  };
}
