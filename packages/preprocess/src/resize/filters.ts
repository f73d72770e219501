/**
 * Pillow's resampling kernels (src/libImaging/Resample.c), evaluated in double precision
 * exactly as the C code does, including the float literals 0.54f / 0.46f of HAMMING.
 */
import type { Interpolation } from '../types.js';

export interface ResampleFilter {
  /** Kernel value at distance x (in source pixels, already divided by the filter scale). */
  readonly kernel: (x: number) => number;
  /** Support radius in source pixels at scale 1. */
  readonly support: number;
}

// The C literals `0.54f` and `0.46f` widened to double.
const HAMMING_A = Math.fround(0.54);
const HAMMING_B = Math.fround(0.46);

function box(x: number): number {
  // Half-open interval (-0.5, 0.5]: each source pixel belongs to exactly one output pixel.
  return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
}

function bilinear(x: number): number {
  if (x < 0.0) x = -x;
  return x < 1.0 ? 1.0 - x : 0.0;
}

function hamming(x: number): number {
  if (x < 0.0) x = -x;
  if (x === 0.0) return 1.0;
  if (x >= 1.0) return 0.0;
  x = x * Math.PI;
  return (Math.sin(x) / x) * (HAMMING_A + HAMMING_B * Math.cos(x));
}

function bicubic(x: number): number {
  const a = -0.5;
  if (x < 0.0) x = -x;
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}

function sinc(x: number): number {
  if (x === 0.0) return 1.0;
  x = x * Math.PI;
  return Math.sin(x) / x;
}

function lanczos(x: number): number {
  // Truncated sinc, 3 lobes.
  return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
}

/** The convolution filters, keyed by Keras' interpolation names (`nearest` is not a convolution). */
export const RESAMPLE_FILTERS: Record<Exclude<Interpolation, 'nearest'>, ResampleFilter> = {
  box: { kernel: box, support: 0.5 },
  bilinear: { kernel: bilinear, support: 1.0 },
  hamming: { kernel: hamming, support: 1.0 },
  bicubic: { kernel: bicubic, support: 2.0 },
  lanczos: { kernel: lanczos, support: 3.0 },
};
