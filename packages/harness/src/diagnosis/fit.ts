/**
 * Fits the per-channel map `candidate[c] ≈ scale[c] · pixel[source[c]] + offset[c]` of a candidate
 * tensor against Keras' RGB pixels (least squares, over the 6 channel permutations). A mistake
 * written differently from every catalogued one (means in the other order, a partial variant) still
 * has such a map, and the map is what names it (see naming.ts).
 */
import type { ChannelAffine } from './affine.js';

export interface FittedAffine extends ChannelAffine {
  /** Root-mean-square residual of the fit, in 8-bit pixel levels (0 for an exact channel-affine map). */
  residualLevels: number;
}

const PERMUTATIONS = [
  [0, 1, 2],
  [2, 1, 0],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
];

interface LineFit {
  scale: number;
  offset: number;
  /** Sum of squared residuals, in candidate units. */
  sse: number;
}

/** Least-squares y = a·x + b for channel `c` of `y` on channel `k` of `x` (channels-last, 3 channels). */
function fitLine(x: ArrayLike<number>, k: number, y: ArrayLike<number>, c: number): LineFit {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i += 3) {
    sx += x[i + k]!;
    sy += y[i + c]!;
    n++;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i += 3) {
    const dx = x[i + k]! - mx;
    const dy = y[i + c]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  // A flat source channel says nothing about the scale: treat it as no fit.
  if (sxx === 0) return { scale: 0, offset: my, sse: syy === 0 ? 0 : syy };
  const scale = sxy / sxx;
  return { scale, offset: my - scale * mx, sse: Math.max(0, syy - scale * sxy) };
}

/**
 * The best channel-affine map from `pixels` (RGB, 0..255) to `candidate` (same length, channels-last),
 * or null when the image cannot tell the maps apart (flat channels). `prefer` lists permutations to
 * keep on a tie (the channels of a grey image are interchangeable).
 */
export function fitChannelAffine(candidate: ArrayLike<number>, pixels: ArrayLike<number>, prefer: number[][] = []): FittedAffine | null {
  if (candidate.length !== pixels.length || candidate.length % 3 !== 0 || candidate.length === 0) return null;
  const fits: LineFit[][] = [0, 1, 2].map((c) => [0, 1, 2].map((k) => fitLine(pixels, k, candidate, c)));
  const order = [...prefer, ...PERMUTATIONS.filter((p) => !prefer.some((q) => q.join() === p.join()))];
  let best: { source: number[]; sse: number } | null = null;
  for (const source of order) {
    const sse = source.reduce((acc, k, c) => acc + fits[c]![k]!.sse, 0);
    // Keep the earlier (preferred) permutation unless another is clearly better.
    if (!best || sse < best.sse * 0.999 - 1e-9) best = { source, sse };
  }
  const source = best!.source;
  const lines = source.map((k, c) => fits[c]![k]!);
  if (lines.some((l) => l.scale === 0)) return null;
  const count = candidate.length;
  const rmsCandidateUnits = Math.sqrt(best!.sse / count);
  const level = Math.max(...lines.map((l) => Math.abs(l.scale)));
  return {
    source,
    scale: lines.map((l) => l.scale),
    offset: lines.map((l) => l.offset),
    residualLevels: rmsCandidateUnits / level,
  };
}
