/**
 * Pictures for the HTML report, as inline data URLs (WebP made with sharp) and inline SVG, so the
 * report is one self-contained file.
 */
import sharp, { type Sharp } from 'sharp';
import type { ImageArtifacts } from '../check/types.js';
import { invertAffine, modeAffine, type ChannelAffine } from '../diagnosis/affine.js';

export interface ImageVisuals {
  /** The golden file as Keras reads it (no EXIF rotation, no ICC conversion). */
  golden: string;
  /** Width and height of the golden picture (it keeps the file's aspect ratio). */
  goldenSize?: [number, number] | null;
  /** The golden file has pixels that are not fully opaque (shown over a checkerboard). */
  goldenTransparent?: boolean;
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

/** Longest side of the golden picture; the model-input pictures keep the model's resolution. */
const GOLDEN_MAX_SIDE = 384;
/**
 * Lossy WebP at this quality keeps a 224×224 picture near 8 kB (a PNG is ~130 kB), so a report of
 * many images stays small enough to attach to a CI run. The numbers are compared exactly elsewhere
 * (the heatmap is computed from the float inputs); the pictures are for the eye.
 */
const WEBP_QUALITY = 80;

async function imageDataUrl(s: Sharp): Promise<string> {
  return `data:image/webp;base64,${(await s.webp({ quality: WEBP_QUALITY, alphaQuality: 90 }).toBuffer()).toString('base64')}`;
}

function toPixels(values: Float32Array, affine: ChannelAffine): Buffer {
  const pixels = invertAffine(affine, values);
  const out = Buffer.alloc(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(pixels[i]!)));
  return out;
}

/** At the model's resolution; the page scales it (pixelated) for display. */
function rawImage(data: Buffer, w: number, h: number, channels: 1 | 3): Promise<string> {
  return imageDataUrl(sharp(data, { raw: { width: w, height: h, channels } }));
}

/** Black → red → yellow → white, for t in [0, 1]. */
function heat(t: number): [number, number, number] {
  const v = Math.max(0, Math.min(1, t)) * 3;
  return [Math.min(1, v), Math.min(1, Math.max(0, v - 1)), Math.min(1, Math.max(0, v - 2))].map((x) => Math.round(x * 255)) as [number, number, number];
}

/** What each channel of the model input holds: caffe mode feeds BGR, the other modes RGB. */
export function channelNames(mode: string, channels: number): string[] {
  if (channels === 1) return ['gray'];
  const names = mode === 'caffe' ? ['B', 'G', 'R'] : ['R', 'G', 'B'];
  return Array.from({ length: channels }, (_, c) => names[c] ?? (c === 3 ? 'A' : `channel ${c}`));
}

const fmt = (v: number) => Number(v.toPrecision(3)).toString();

/**
 * One panel per channel: value histograms of the Keras input (solid blue) and yours (dashed red)
 * over a shared value axis in model-input units, each series scaled to its own peak so a spiky
 * candidate does not flatten the reference's shape.
 */
export function histogramSvg(reference: Float32Array, candidate: Float32Array | null, mode: string, channels: number): string {
  const bins = 64;
  const all = candidate ? [reference, candidate] : [reference];
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of all) for (const v of arr) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) hi = lo + 1;
  const names = channelNames(mode, channels);
  const [width, height, left, bottom, top] = [320, 130, 34, 30, 16];
  const plotW = width - left - 8;
  const plotH = height - bottom - top;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * plotW;
  const ticks = [lo, ...(lo < 0 && hi > 0 ? [0] : []), (lo + hi) / 2, hi].filter((t, i, a) => a.findIndex((u) => Math.abs(u - t) < (hi - lo) / 12) === i);
  const panels = names.map((name, c) => {
    const counts = all.map((arr) => {
      const h = new Array<number>(bins).fill(0);
      for (let i = c; i < arr.length; i += channels) h[Math.min(bins - 1, Math.floor(((arr[i]! - lo) / (hi - lo)) * bins))]!++;
      return h;
    });
    const line = (h: number[]) => {
      const peak = Math.max(1, ...h);
      return h.map((n, i) => `${(left + ((i + 0.5) * plotW) / bins).toFixed(1)},${(top + plotH - (n / peak) * plotH).toFixed(1)}`).join(' ');
    };
    const [ref, cand] = counts;
    const axisY = top + plotH;
    return (
      `<g transform="translate(${c * (width + 12)},0)">` +
      `<text x="${left}" y="11" font-size="11" font-weight="600">${name} channel</text>` +
      `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#e5e7eb"/>` +
      `<line x1="${left}" y1="${axisY}" x2="${left + plotW}" y2="${axisY}" stroke="#6b7280"/>` +
      `<line x1="${left}" y1="${top}" x2="${left}" y2="${axisY}" stroke="#6b7280"/>` +
      ticks.map((t) => `<line x1="${x(t).toFixed(1)}" y1="${axisY}" x2="${x(t).toFixed(1)}" y2="${axisY + 4}" stroke="#6b7280"/><text x="${x(t).toFixed(1)}" y="${axisY + 15}" font-size="10" text-anchor="middle">${fmt(t)}</text>`).join('') +
      `<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end">peak</text><text x="${left - 4}" y="${axisY}" font-size="10" text-anchor="end">0</text>` +
      `<text x="${left + plotW / 2}" y="${height - 1}" font-size="10" text-anchor="middle" fill="#4b5563">value (model-input units)</text>` +
      `<polyline points="${line(ref!)}" fill="none" stroke="#2563eb" stroke-width="1.5"/>` +
      (cand ? `<polyline points="${line(cand)}" fill="none" stroke="#dc2626" stroke-width="1.5" stroke-dasharray="4 2"/>` : '') +
      '</g>'
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${names.length * (width + 12)}" height="${height}" role="img" aria-label="value histograms per channel (${names.join(', ')})">` +
    panels.join('') +
    '</svg>'
  );
}

/** Renders every picture of one image's section. */
export async function renderVisuals(artifacts: ImageArtifacts): Promise<ImageVisuals> {
  const [h, w, c] = artifacts.shape as [number, number, number];
  // Alpha is kept (the page shows it over a checkerboard): Keras drops it, so seeing it matters.
  let golden = '';
  let goldenSize: [number, number] | null = null;
  let goldenTransparent = false;
  try {
    const { data, info } = await sharp(artifacts.image, { ignoreIcc: true, failOn: 'none' })
      .resize(GOLDEN_MAX_SIDE, GOLDEN_MAX_SIDE, { fit: 'inside', withoutEnlargement: true, kernel: 'nearest' })
      .webp({ quality: WEBP_QUALITY, alphaQuality: 90 })
      .toBuffer({ resolveWithObject: true });
    golden = `data:image/webp;base64,${data.toString('base64')}`;
    goldenSize = [info.width, info.height];
    goldenTransparent = info.channels === 4 && !(await sharp(artifacts.image, { failOn: 'none' }).stats()).isOpaque;
  } catch {
    // An undecodable golden file has no picture; its error is in the report.
  }
  const reference = await rawImage(toPixels(artifacts.referenceInput, modeAffine(artifacts.mode)), w, h, 3);
  const cand = artifacts.candidateInput && artifacts.candidateInput.length === artifacts.referenceInput.length ? artifacts.candidateInput : null;
  let candidate: string | null = null;
  let diff: string | null = null;
  let diffMax = 0;
  if (cand) {
    candidate = await rawImage(toPixels(cand, modeAffine(artifacts.mode)), w, h, 3);
    const perPixel = new Float64Array(w * h);
    for (let i = 0; i < cand.length; i++) {
      const p = Math.floor(i / c);
      perPixel[p] = Math.max(perPixel[p]!, Math.abs(cand[i]! - artifacts.referenceInput[i]!));
    }
    diffMax = perPixel.reduce((a, b) => Math.max(a, b), 0);
    const rgb = Buffer.alloc(w * h * 3);
    perPixel.forEach((d, p) => rgb.set(heat(diffMax > 0 ? d / diffMax : 0), p * 3));
    diff = await rawImage(rgb, w, h, 3);
  }
  const undo = artifacts.diagnosedNormalization;
  const recovered = cand && undo ? await rawImage(toPixels(cand, undo.affine), w, h, 3) : null;
  return {
    golden,
    goldenSize,
    goldenTransparent,
    reference,
    candidate,
    diff,
    diffMax,
    histograms: histogramSvg(artifacts.referenceInput, cand, artifacts.mode, c),
    recovered,
    recoveredVariant: recovered ? undo!.variant : null,
  };
}
