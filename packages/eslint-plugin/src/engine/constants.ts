// Numeric constants that identify a normalization step (1/255, 127.5, ImageNet means, torch mean/std).

/** A statically known operand: a scalar or a per-channel vector. */
export type Operand = { kind: 'scalar'; value: number } | { kind: 'vector'; values: number[] };

export const CAFFE_MEANS_BGR = [103.939, 116.779, 123.68] as const;
export const CAFFE_MEANS_RGB = [123.68, 116.779, 103.939] as const;
export const TORCH_MEAN = [0.485, 0.456, 0.406] as const;
export const TORCH_STD = [0.229, 0.224, 0.225] as const;
const TORCH_MEAN_255 = TORCH_MEAN.map((m) => m * 255);
const TORCH_STD_255 = TORCH_STD.map((s) => s * 255);

/** Tolerant comparison: users write 0.00392156, 1/255, 123.68 or 123.7. */
export function approx(a: number, b: number): boolean {
  return b === 0 ? a === 0 : Math.abs(a - b) <= 1e-3 * Math.abs(b);
}

function approxVector(values: readonly number[], expected: readonly number[]): boolean {
  return values.length === expected.length && values.every((v, i) => approx(v, expected[i] as number));
}

/** Order of an ImageNet caffe-mean vector, if it is one. */
export function caffeMeansOrder(values: readonly number[]): 'RGB' | 'BGR' | undefined {
  const close = (a: readonly number[], b: readonly number[]) =>
    a.length === 3 && a.every((v, i) => Math.abs(v - (b[i] as number)) < 0.6);
  if (close(values, CAFFE_MEANS_RGB)) return 'RGB';
  if (close(values, CAFFE_MEANS_BGR)) return 'BGR';
  return undefined;
}

export function isCaffeMeanScalar(value: number): boolean {
  return CAFFE_MEANS_RGB.some((m) => Math.abs(value - m) < 0.6);
}

export function isTorchMean(values: readonly number[]): boolean {
  return approxVector(values, TORCH_MEAN);
}
export function isTorchStd(values: readonly number[]): boolean {
  return approxVector(values, TORCH_STD);
}
export function isTorchMean255(values: readonly number[]): boolean {
  return values.length === 3 && values.every((v, i) => Math.abs(v - (TORCH_MEAN_255[i] as number)) < 0.6);
}
export function isTorchStd255(values: readonly number[]): boolean {
  return values.length === 3 && values.every((v, i) => Math.abs(v - (TORCH_STD_255[i] as number)) < 0.6);
}
export function isTorchMeanScalar(value: number): boolean {
  return TORCH_MEAN.some((m) => approx(value, m));
}
export function isTorchStdScalar(value: number): boolean {
  return TORCH_STD.some((s) => approx(value, s));
}

/** A vector whose entries are all equal acts like a scalar. */
export function asScalar(operand: Operand): number | undefined {
  if (operand.kind === 'scalar') return operand.value;
  const [first, ...rest] = operand.values;
  if (first !== undefined && rest.every((v) => v === first)) return first;
  return undefined;
}
