// Transfer functions: how one operation changes the abstract pixel state.
import type { TSESTree } from '@typescript-eslint/utils';
import {
  approx,
  asScalar,
  caffeMeansOrder,
  isCaffeMeanScalar,
  isTorchMean,
  isTorchMean255,
  isTorchMeanScalar,
  isTorchStd,
  isTorchStd255,
  isTorchStdScalar,
  type Operand,
} from './constants.js';
import { isNormalized, type PixelRange, type PixelValue, type Step, type StepKind } from './domain.js';

export type ArithOp = 'add' | 'sub' | 'mul' | 'div';

export interface StepOrigin {
  node: TSESTree.Node;
  file: string;
  input?: TSESTree.Node;
}

function withStep(
  value: PixelValue,
  range: PixelRange,
  kind: StepKind,
  origin: StepOrigin,
  extra: Partial<Step> = {},
): PixelValue {
  const step: Step = { kind, node: origin.node, file: origin.file, ...extra };
  if (origin.input) step.input = origin.input;
  if (value.elementOffset !== undefined) step.elementwise = true;
  return { ...value, range, steps: [...value.steps, step] };
}

/** `value <op> operand`, element-wise. `operand` undefined = not statically known. */
export function applyArith(value: PixelValue, op: ArithOp, operand: Operand | undefined, origin: StepOrigin): PixelValue {
  if (!operand) return withStep(value, 'unknown', 'arith', origin);
  // Normalize: a + c == a - (-c), a / c == a * (1/c).
  const negate = (o: Operand): Operand =>
    o.kind === 'scalar' ? { kind: 'scalar', value: -o.value } : { kind: 'vector', values: o.values.map((v) => -v) };
  const invert = (o: Operand): Operand =>
    o.kind === 'scalar' ? { kind: 'scalar', value: 1 / o.value } : { kind: 'vector', values: o.values.map((v) => 1 / v) };
  const isSub = op === 'sub' || op === 'add';
  const subtrahend = op === 'add' ? negate(operand) : operand;
  const factor = op === 'div' ? invert(operand) : operand;
  const scalar = asScalar(isSub ? subtrahend : factor);
  const vector = (isSub ? subtrahend : factor).kind === 'vector' ? ((isSub ? subtrahend : factor) as { values: number[] }).values : undefined;
  const divisor = op === 'div' ? asScalar(operand) : undefined;

  if (isSub && scalar === 0) return value;
  if (!isSub && scalar === 1) return value;

  const r = value.range;
  // Once the engine has lost track of the range, later constants prove nothing.
  if (r === 'unknown' || r === 'mixed') return withStep(value, 'unknown', 'arith', origin);
  if (r === 'affine') return otherConstant(value, isSub, scalar, origin);
  const plausiblyRaw = r === 'raw' || r === 'opaque';

  if (isSub) {
    // ImageNet caffe means, as a vector or (in per-channel loop bodies) one scalar per channel.
    const meansOrder = vector ? caffeMeansOrder(vector) : undefined;
    if (meansOrder) {
      if (plausiblyRaw) {
        const aligned = value.order === 'unknown' ? undefined : value.order === meansOrder;
        const next = withStep(value, 'caffe', 'meanSub', origin, { detail: meansOrder });
        if (aligned !== undefined) next.meansAligned = aligned;
        return next;
      }
      return withStep(value, 'mixed', 'meanSub', origin, { detail: meansOrder });
    }
    if (scalar !== undefined && isCaffeMeanScalar(scalar) && !approx(scalar, 127.5)) {
      return withStep(value, plausiblyRaw ? 'channelPartial' : 'mixed', 'meanSub', origin, {
        channelConstant: scalar,
        detail: 'channel',
      });
    }
    if (vector && isTorchMean(vector)) {
      if (r === 'unit') return withStep(value, 'torchCentred', 'torchMean', origin);
      return withStep(value, plausiblyRaw ? 'unknown' : 'mixed', 'torchMean', origin);
    }
    if (scalar !== undefined && isTorchMeanScalar(scalar) && r === 'unit' && !approx(scalar, 0.5)) {
      return withStep(value, 'channelPartial', 'torchMean', origin, { channelConstant: scalar, detail: 'channel' });
    }
    if (vector && isTorchMean255(vector) && plausiblyRaw) return withStep(value, 'torchCentred255', 'torchMean', origin);
    if (scalar !== undefined) {
      if ((approx(scalar, 127.5) || approx(scalar, 127) || approx(scalar, 128)) && plausiblyRaw) return withStep(value, 'centred127', 'shift', origin);
      if (approx(scalar, 1) && r === 'scaled127') return withStep(value, 'symmetric', 'shift', origin);
      if (approx(scalar, 1) && r === 'unitDoubled') return withStep(value, 'symmetric', 'shift', origin);
      if (approx(scalar, 0.5) && r === 'unit') return withStep(value, 'unitCentred', 'shift', origin);
      if (approx(scalar, -1) && r === 'symmetric') return withStep(value, 'unknown', 'shift', origin);
    }
    return otherConstant(value, isSub, scalar, origin);
  }

  // Multiplication / division.
  const divisorVector = op === 'div' && operand.kind === 'vector' ? operand.values : undefined;
  if (divisorVector && isTorchStd(divisorVector) && r === 'torchCentred') return withStep(value, 'torch', 'torchStd', origin);
  if (divisorVector && isTorchStd255(divisorVector) && r === 'torchCentred255') return withStep(value, 'torch', 'torchStd', origin);
  if (vector && op === 'mul' && isTorchStd(vector.map((v) => 1 / v)) && r === 'torchCentred') {
    return withStep(value, 'torch', 'torchStd', origin);
  }
  if (divisor !== undefined && isTorchStdScalar(divisor) && r === 'channelPartial') {
    return withStep(value, 'channelPartial', 'torchStd', origin, { channelConstant: divisor, detail: 'channel' });
  }
  if (scalar === undefined) return withStep(value, 'unknown', 'arith', origin);

  if (approx(scalar, 1 / 255)) {
    if (plausiblyRaw) return withStep(value, 'unit', 'scale255', origin);
    return withStep(value, 'mixed', 'scale255', origin);
  }
  // 127.5, and the 127 / 128 that code rounds it to (x / 127 - 1 is Teachable Machine's own scaling).
  if (approx(scalar, 1 / 127.5) || approx(scalar, 1 / 127) || approx(scalar, 1 / 128)) {
    if (plausiblyRaw) return withStep(value, 'scaled127', 'scale127', origin);
    if (r === 'centred127') return withStep(value, 'symmetric', 'scale127', origin);
    return withStep(value, isNormalized(r) ? 'mixed' : 'unknown', 'scale127', origin);
  }
  if (approx(scalar, 2) && r === 'unitCentred') return withStep(value, 'symmetric', 'scale2', origin);
  if (approx(scalar, 2) && r === 'unit') return withStep(value, 'unitDoubled', 'scale2', origin);
  if (approx(scalar, 255) && r === 'unit') return withStep(value, 'raw', 'unscale', origin);
  return otherConstant(value, isSub, scalar, origin);
}

/**
 * A known constant that starts no Keras normalization. On decoder output (or on top of such a map) the engine
 * keeps the map `scale * x + offset` exactly, so a pipeline written in another order (`x * (2 / 255) - 1`) is
 * still recognized once it lands on a Keras range; one that lands nowhere (`(x - 255) / 255`, `(x - 1) / 127`)
 * stays `affine`. Anywhere else the engine no longer knows the range.
 */
function otherConstant(value: PixelValue, isSub: boolean, scalar: number | undefined, origin: StepOrigin): PixelValue {
  const definite = (value.range === 'raw' && value.fromSource) || value.range === 'affine';
  if (scalar === undefined || !definite) return withStep(value, 'unknown', 'arith', origin);
  const before = value.range === 'affine' && value.affine ? value.affine : { scale: 1, offset: 0 };
  const map = isSub ? { scale: before.scale, offset: before.offset - scalar } : { scale: before.scale * scalar, offset: before.offset * scalar };
  const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(Math.abs(b), 1e-9);
  if (near(map.scale, 1 / 255, 1e-3) && Math.abs(map.offset) < 1e-3) return { ...withStep(value, 'unit', 'scale255', origin), affine: undefined };
  if (near(map.scale, 1 / 127.5, 0.01) && near(map.offset, -1, 0.01)) return { ...withStep(value, 'symmetric', 'scale127', origin), affine: undefined };
  return { ...withStep(value, 'affine', 'affine', origin), affine: map };
}
/** RGB <-> BGR. */
export function applyFlip(value: PixelValue, origin: StepOrigin): PixelValue {
  const order = value.order === 'RGB' ? 'BGR' : value.order === 'BGR' ? 'RGB' : 'unknown';
  const step: Step = { kind: 'flip', node: origin.node, file: origin.file };
  if (origin.input) step.input = origin.input;
  return { ...value, order, steps: [...value.steps, step] };
}

/** Range after `preprocessInput(x, { mode })` from @prepguard/preprocess (Keras semantics). */
export function applyPreprocessInput(value: PixelValue, mode: string, origin: StepOrigin): PixelValue {
  const earlier = value.steps.find((s) => s.kind !== 'flip' && s.kind !== 'arith');
  const step: Step = { kind: 'preprocessInput', node: origin.node, file: origin.file, detail: mode };
  if (origin.input) step.input = origin.input;
  if (isNormalized(value.range) && earlier) {
    step.double = earlier;
    return { ...value, range: 'mixed', steps: [...value.steps, step] };
  }
  if (value.range === 'unknown') return { ...value, steps: [...value.steps, step] };
  const next: PixelValue = { ...value, steps: [...value.steps, step] };
  if (mode === 'caffe') {
    next.range = 'caffe';
    next.order = value.order === 'RGB' ? 'BGR' : value.order === 'BGR' ? 'RGB' : 'unknown';
    // Keras subtracts the BGR means after its own flip, so the means always match the result's order.
    next.meansAligned = true;
  } else if (mode === 'tf') next.range = 'symmetric';
  else if (mode === 'torch') next.range = 'torch';
  else next.range = 'unknown';
  return next;
}
