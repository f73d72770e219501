import type { BackendInfo } from '../backend.js';

/**
 * What counts as "the same" when the candidate is compared with the reference. Every value states
 * its unit; the defaults are documented in the README ("Tolerances").
 */
export interface Tolerance {
  /** How many of the reference's top-k entries to compare (k; at most what the reference recorded). Default 5. */
  topK: number;
  /** Fraction (0..1) of the reference's top-k class indices that must also be in the candidate's top-k. Default 0.6 (3 of 5). */
  minTopKOverlap: number;
  /**
   * Probability units (0..1). When the reference's best two classes are closer than this, a candidate
   * top-1 equal to either counts as equal: a tie within float noise is not drift. Default: backend precision.
   */
  top1TieMargin: number;
  /**
   * Relative error (fraction, 0.01 = 1%) allowed for each layer's mean, std and L2 norm. Default 0.01:
   * a correct pipeline drifts ≤ 3e-7 and the mildest catalogued mistake 1.4% (seeded VGG16) / 3.5%
   * (trained VGG16) on its closest image (docs/trained-model.md, bench/trained/results.md).
   */
  layerRelError: number;
  /** Absolute error below which a layer statistic passes whatever its relative error (guards near-zero stats). Default 1e-6. */
  layerAbsError: number;
  /** Minimum cosine similarity (−1..1) of each layer's channel-mean vector with the reference. Default 0.99. */
  layerMinCosine: number;
  /** Max absolute error of the model input vs the Keras-exact input, in model-input units (after normalization). Default 1e-3. */
  inputMaxAbsError: number;
  /** Mean absolute error of the model input vs the Keras-exact input, in model-input units. Default 1e-4. */
  inputMeanAbsError: number;
}

export const DEFAULT_TOLERANCE: Tolerance = {
  topK: 5,
  minTopKOverlap: 0.6,
  top1TieMargin: 1e-5,
  layerRelError: 0.01,
  layerAbsError: 1e-6,
  layerMinCosine: 0.99,
  inputMaxAbsError: 1e-3,
  inputMeanAbsError: 1e-4,
};

/**
 * Fills in defaults, then widens the model-side limits to what the backend can guarantee: a backend
 * that may compute in float16 (WebGL on some GPUs) cannot match a float32 Keras run to 1e-5.
 * Input limits are never widened: inputs are compared in JS, in float32, on every backend.
 */
export function resolveTolerance(partial: Partial<Tolerance> | undefined, backend: BackendInfo): Tolerance {
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (!(key in DEFAULT_TOLERANCE)) throw new TypeError(`Unknown tolerance "${key}"; known: ${Object.keys(DEFAULT_TOLERANCE).join(', ')}`);
    if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`Tolerance "${key}" must be a number, got ${String(value)}`);
  }
  const t: Tolerance = { ...DEFAULT_TOLERANCE, ...partial };
  if (t.minTopKOverlap > 1) {
    throw new TypeError(`Tolerance "minTopKOverlap" is a fraction between 0 and 1 (0.6 = 3 of 5), got ${t.minTopKOverlap}`);
  }
  const floor = backend.float32 ? { tie: 1e-5, rel: 1e-4 } : { tie: 1e-3, rel: 1e-2 };
  t.top1TieMargin = Math.max(t.top1TieMargin, floor.tie);
  t.layerRelError = Math.max(t.layerRelError, floor.rel);
  return t;
}
