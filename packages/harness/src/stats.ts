/**
 * Summary statistics recorded in references and compared by the harness. All sums run in float64
 * over the float32 values; `std` is the population standard deviation, as numpy's default `np.std`.
 */
export interface ChannelStats {
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
}

export interface LayerStats {
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Euclidean norm of all values. */
  l2: number;
  /** Fraction of values exactly 0 (dead ReLUs, padding). */
  zeroFraction: number;
  /** Mean of each channel (last axis) over all other positions. */
  channelMean: number[];
}

/** Per-channel statistics of a channels-last array (`channels` = size of the last axis). */
export function channelStats(values: ArrayLike<number>, channels: number): ChannelStats {
  const n = Math.floor(values.length / channels);
  const sum = new Float64Array(channels);
  const min = new Array<number>(channels).fill(Infinity);
  const max = new Array<number>(channels).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    const v = values[i]!;
    sum[c]! += v;
    if (v < min[c]!) min[c] = v;
    if (v > max[c]!) max[c] = v;
  }
  const mean = Array.from(sum, (s) => s / n);
  const sq = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const c = i % channels;
    const d = values[i]! - mean[c]!;
    sq[c]! += d * d;
  }
  return { mean, std: Array.from(sq, (s) => Math.sqrt(s / n)), min, max };
}

/** Statistics of one layer output, without the batch axis (`shape` excludes it). */
export function layerStats(values: ArrayLike<number>, shape: number[]): LayerStats {
  const channels = shape.length > 0 ? shape[shape.length - 1]! : 1;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  const channelSum = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
    channelSum[i % channels]! += v;
  }
  const n = values.length;
  const mean = sum / n;
  let sq = 0;
  let l2sq = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sq += (v - mean) * (v - mean);
    l2sq += v * v;
  }
  const perChannel = n / channels;
  return {
    shape: [...shape],
    mean,
    std: Math.sqrt(sq / n),
    min,
    max,
    l2: Math.sqrt(l2sq),
    zeroFraction: zeros / n,
    channelMean: Array.from(channelSum, (s) => s / perChannel),
  };
}

/** Cosine similarity of two vectors; 1 for two all-zero vectors (nothing differs). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

/** Max and mean absolute difference of two equally long arrays. */
export function absError(a: ArrayLike<number>, b: ArrayLike<number>): { maxAbsError: number; meanAbsError: number } {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d > max || Number.isNaN(d)) max = d;
    sum += d;
  }
  return { maxAbsError: max, meanAbsError: a.length ? sum / a.length : 0 };
}
