/**
 * Per-output-pixel filter weights, Resample.c `precompute_coeffs` and `normalize_coeffs_8bpc`.
 */
import type { ResampleFilter } from './filters.js';

/** Weights for one axis: output pixel i reads `count[i]` source pixels from `first[i]`. */
export interface AxisCoefficients {
  /** Maximum taps per output pixel (row stride of `weights`). */
  ksize: number;
  first: Int32Array;
  count: Int32Array;
  /** Normalised double weights, `ksize` per output pixel (used as-is by the 16-bit path). */
  weights: Float64Array;
}

/**
 * `precompute_coeffs(inSize, in0, in1, outSize)`. `in0`/`in1` are the box edges, which Pillow
 * holds as C floats; their difference is a float subtraction widened to double.
 * The window is clamped to the whole image, not to the box, so filters see pixels outside it.
 */
export function precomputeCoefficients(
  inSize: number,
  in0: number,
  in1: number,
  outSize: number,
  filter: ResampleFilter,
): AxisCoefficients {
  const b0 = Math.fround(in0);
  const b1 = Math.fround(in1);
  const scale = Math.fround(b1 - b0) / outSize;
  const filterscale = scale < 1.0 ? 1.0 : scale;
  const support = filter.support * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * ksize);
  const ss = 1.0 / filterscale;
  const kernel = filter.kernel;
  for (let xx = 0; xx < outSize; xx++) {
    const center = b0 + (xx + 0.5) * scale;
    // C `(int)` truncates toward zero.
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    const base = xx * ksize;
    let ww = 0.0;
    for (let x = 0; x < xmax; x++) {
      const w = kernel((x + xmin - center + 0.5) * ss);
      weights[base + x] = w;
      ww += w;
    }
    if (ww !== 0.0) {
      for (let x = 0; x < xmax; x++) weights[base + x] /= ww;
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { ksize, first, count, weights };
}

/** Fixed-point precision of the 8-bit path: 32 bits - 8 for the pixel - 2 for overshoot. */
export const PRECISION_BITS = 32 - 8 - 2;

/**
 * `normalize_coeffs_8bpc`: weights to 22-bit fixed point, rounded half away from zero.
 *
 * The integers are held in doubles on purpose: a pixel times a weight (up to 2^30) leaves V8's
 * small-integer range, so int32 weights only add conversions. Every product and every sum of
 * them is an integer below 2^53, hence exact, and `>>` truncates the sum to int32 as C does.
 */
export function fixedPointWeights(c: AxisCoefficients): Float64Array {
  const out = new Float64Array(c.weights.length);
  const one = 1 << PRECISION_BITS;
  for (let i = 0; i < out.length; i++) {
    const w = c.weights[i];
    out[i] = w < 0 ? Math.trunc(-0.5 + w * one) : Math.trunc(0.5 + w * one);
  }
  return out;
}
