// Turns "this pixel state reaches that model" into at most one finding, owned by exactly one rule,
// so a single bug never shows up as three reports.
import { EXPECTED_RANGE, isNormalized, type PixelRange, type Step } from './domain.js';
import type { ModelInput } from './analysis.js';

export type Diagnosis =
  | { rule: 'no-naive-scaling'; messageId: 'naiveScaling' | 'naiveScalingSelfNormalizing'; step: Step }
  | { rule: 'no-double-preprocessing'; messageId: 'appliedTwice'; step: Step; earlier: Step }
  | { rule: 'no-double-preprocessing'; messageId: 'modelNormalizesItself'; step: Step }
  | { rule: 'bgr-channel-order'; messageId: 'meansWithoutFlip' | 'meansOrder' | 'doubleFlip'; step: Step }
  | { rule: 'preprocess-mode-mismatch'; messageId: 'wrongMode'; step: Step; first: Step }
  | { rule: 'preprocess-mode-mismatch'; messageId: 'missingPreprocessing' };

const NORMALIZING: ReadonlySet<Step['kind']> = new Set([
  'scale255', 'scale127', 'shift', 'scale2', 'meanSub', 'torchMean', 'torchStd', 'preprocessInput', 'affine',
]);

export function normalizingSteps(steps: readonly Step[]): Step[] {
  return steps.filter((s) => NORMALIZING.has(s.kind));
}

function last<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i] as T)) return items[i];
  return undefined;
}

export function diagnose(input: ModelInput): Diagnosis | undefined {
  const { value, model } = input;
  const double = last(value.steps, (s) => s.double !== undefined);
  if (double?.double) return { rule: 'no-double-preprocessing', messageId: 'appliedTwice', step: double, earlier: double.double };
  const normalizing = normalizingSteps(value.steps);
  const lastScale = last(value.steps, (s) => s.kind === 'scale255');

  if (model.normalizesInside) {
    if (value.range === 'unit' && lastScale) return { rule: 'no-naive-scaling', messageId: 'naiveScalingSelfNormalizing', step: lastScale };
    const lastNormalizing = normalizing[normalizing.length - 1];
    if (isNormalized(value.range) && lastNormalizing && value.range !== 'channelPartial') {
      return { rule: 'no-double-preprocessing', messageId: 'modelNormalizesItself', step: lastNormalizing };
    }
    return undefined;
  }
  if (value.range === 'unit' && model.mode !== 'unit' && lastScale) {
    return { rule: 'no-naive-scaling', messageId: 'naiveScaling', step: lastScale };
  }
  if (model.mode === 'caffe' && value.range === 'caffe') {
    const flips = value.steps.filter((s) => s.kind === 'flip' || (s.kind === 'preprocessInput' && s.detail === 'caffe'));
    const lastFlip = flips[flips.length - 1];
    const meanStep = last(value.steps, (s) => s.kind === 'meanSub' || s.kind === 'preprocessInput');
    if (value.order === 'RGB' && flips.length >= 2 && lastFlip) return { rule: 'bgr-channel-order', messageId: 'doubleFlip', step: lastFlip };
    if (value.meansAligned === false && meanStep) return { rule: 'bgr-channel-order', messageId: 'meansOrder', step: meanStep };
    if (value.order === 'RGB' && meanStep) return { rule: 'bgr-channel-order', messageId: 'meansWithoutFlip', step: meanStep };
    return undefined;
  }
  const expected: PixelRange = EXPECTED_RANGE[model.mode];
  if (value.range === expected) return undefined;
  if (value.range === 'raw') {
    return value.fromSource && model.mode !== 'raw' ? { rule: 'preprocess-mode-mismatch', messageId: 'missingPreprocessing' } : undefined;
  }
  if (value.range === 'opaque' || value.range === 'unknown' || value.range === 'channelPartial') return undefined;
  const first = normalizing[0];
  const lastStep = normalizing[normalizing.length - 1];
  if (!first || !lastStep) return undefined;
  return { rule: 'preprocess-mode-mismatch', messageId: 'wrongMode', step: lastStep, first };
}

const RANGE_TEXT: Record<PixelRange, string> = {
  raw: 'raw 0–255 pixels',
  opaque: 'pixels',
  unit: 'pixels scaled to [0, 1]',
  symmetric: "pixels scaled to [-1, 1] (Keras 'tf' mode)",
  caffe: "caffe-centred pixels (ImageNet means subtracted, Keras 'caffe' mode)",
  torch: "torch-normalized pixels (ImageNet mean/std, Keras 'torch' mode)",
  mixed: 'pixels normalized twice in incompatible ways',
  unknown: 'pixels',
  scaled127: 'pixels in [0, 2] (divided by 127.5 without subtracting 1)',
  centred127: 'pixels centred on 127.5 but not scaled',
  unitCentred: 'pixels in [-0.5, 0.5]',
  unitDoubled: 'pixels in [0, 2]',
  torchCentred: 'mean-subtracted pixels not divided by the std',
  torchCentred255: 'mean-subtracted pixels not divided by the std',
  channelPartial: 'pixels',
  affine: 'pixels shifted/scaled by constants into a range no Keras preprocessing produces',
};

export function describeRange(range: PixelRange): string {
  return RANGE_TEXT[range];
}
