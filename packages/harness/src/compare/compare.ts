import type { ReferenceImage, ReferenceTopK } from '../reference/types.js';
import { absError, cosineSimilarity, type LayerStats } from '../stats.js';
import type { Tolerance } from './tolerance.js';

export interface TopKEntry {
  index: number;
  label: string | null;
  probability: number;
}

export interface Top1Result {
  reference: TopKEntry;
  candidate: TopKEntry;
  pass: boolean;
  /** The reference's best two classes were within `top1TieMargin`. */
  tie: boolean;
}

export interface TopKResult {
  k: number;
  reference: TopKEntry[];
  candidate: TopKEntry[];
  /** Fraction of the reference's top-k indices present in the candidate's top-k. */
  overlap: number;
  pass: boolean;
}

export interface LayerComparison {
  shape: { reference: number[]; candidate: number[] };
  relError: { mean: number; std: number; l2: number };
  absError: { mean: number; std: number; l2: number };
  channelMeanCosine: number;
  pass: boolean;
  /** The tolerances that would have passed: the largest relative error, the cosine reached. */
  minimumPassing: { layerRelError: number; layerMinCosine: number };
}

export interface InputComparison {
  /** In model-input units. */
  maxAbsError: number;
  meanAbsError: number;
  /** maxAbsError expressed in 8-bit pixel levels for the reference's mode (1 level = 1/127.5 in 'tf' mode). */
  maxAbsErrorLevels: number;
  pass: boolean;
  /** The tolerances that would have passed. */
  minimumPassing: { inputMaxAbsError: number; inputMeanAbsError: number };
}

/** Indices of the k largest values, largest first (ties: lower index first, as numpy's stable argsort of -x). */
export function topKIndices(values: ArrayLike<number>, k: number): number[] {
  const idx = Array.from({ length: values.length }, (_, i) => i);
  idx.sort((a, b) => values[b]! - values[a]! || a - b);
  return idx.slice(0, k);
}

export function topKEntries(values: ArrayLike<number>, k: number, labels: string[] | null): TopKEntry[] {
  return topKIndices(values, k).map((index) => ({ index, label: labels?.[index] ?? null, probability: values[index]! }));
}

export function compareTop1(reference: ReferenceTopK[], candidateOutput: ArrayLike<number>, labels: string[] | null, tol: Tolerance): Top1Result {
  const [ref0, ref1] = reference;
  const [cand] = topKEntries(candidateOutput, 1, labels);
  const tie = ref1 !== undefined && Math.abs(ref0!.probability - ref1.probability) < tol.top1TieMargin;
  const pass = cand!.index === ref0!.index || (tie && cand!.index === ref1!.index);
  return { reference: { ...ref0!, label: ref0!.label ?? labels?.[ref0!.index] ?? null }, candidate: cand!, pass, tie };
}

export function compareTopK(reference: ReferenceTopK[], candidateOutput: ArrayLike<number>, labels: string[] | null, tol: Tolerance): TopKResult {
  const k = Math.min(tol.topK, reference.length);
  const ref = reference.slice(0, k);
  const cand = topKEntries(candidateOutput, k, labels);
  const candSet = new Set(cand.map((e) => e.index));
  const overlap = ref.filter((e) => candSet.has(e.index)).length / k;
  return { k, reference: ref, candidate: cand, overlap, pass: overlap >= tol.minTopKOverlap - 1e-12 };
}

function relative(c: number, r: number): number {
  const d = Math.abs(c - r);
  return d === 0 ? 0 : d / Math.max(Math.abs(r), Number.MIN_VALUE);
}

/**
 * A statistic fails only when it breaks both the absolute and the relative limit (as Polygraphy
 * does), so a near-zero statistic cannot fail on a meaningless relative error.
 */
export function compareLayer(reference: LayerStats, candidate: LayerStats, tol: Tolerance): LayerComparison {
  const keys = ['mean', 'std', 'l2'] as const;
  const relError = { mean: 0, std: 0, l2: 0 };
  const absErr = { mean: 0, std: 0, l2: 0 };
  let statsPass = true;
  for (const key of keys) {
    absErr[key] = Math.abs(candidate[key] - reference[key]);
    relError[key] = relative(candidate[key], reference[key]);
    if (absErr[key] > tol.layerAbsError && relError[key] > tol.layerRelError) statsPass = false;
  }
  const sameShape = reference.shape.join() === candidate.shape.join();
  const cosine = sameShape ? cosineSimilarity(reference.channelMean, candidate.channelMean) : 0;
  return {
    shape: { reference: reference.shape, candidate: candidate.shape },
    relError,
    absError: absErr,
    channelMeanCosine: cosine,
    pass: sameShape && statsPass && cosine >= tol.layerMinCosine,
    minimumPassing: { layerRelError: Math.max(relError.mean, relError.std, relError.l2), layerMinCosine: cosine },
  };
}

/** One 8-bit pixel level in model-input units, per preprocessing mode (the scale `preprocess_input` applies). */
export function levelSize(mode: string): number {
  if (mode === 'tf') return 1 / 127.5;
  if (mode === 'torch') return 1 / (255 * 0.229); // the smallest std gives the largest step; conservative
  return 1;
}

export function compareInput(reference: Float32Array, candidate: Float32Array, mode: string, tol: Tolerance): InputComparison {
  const { maxAbsError, meanAbsError } = absError(reference, candidate);
  return {
    maxAbsError,
    meanAbsError,
    maxAbsErrorLevels: maxAbsError / levelSize(mode),
    pass: maxAbsError <= tol.inputMaxAbsError && meanAbsError <= tol.inputMeanAbsError,
    minimumPassing: { inputMaxAbsError: maxAbsError, inputMeanAbsError: meanAbsError },
  };
}

export type { ReferenceImage };
