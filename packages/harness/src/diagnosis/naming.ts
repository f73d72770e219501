/**
 * Names a normalization mistake from what it does to the pixels, not from how it was written: the
 * input is the channel-affine map (permutation, scale, offset per channel) that turns Keras' RGB
 * pixels into the candidate tensor, whether replayed from the catalogue or fitted to the candidate
 * (fit.ts). So every ordering and partial variant of a mistake gets the same code:
 *
 * - scale ≈ 1/255 → unit-scaling (channels in any order; offsets ≈ ImageNet mean in [0, 1] units
 *   → torch-normalization without the std);
 * - scale ≈ 1/127.5 with offset ≈ −1 → symmetric-scaling;
 * - scale ≈ 1/(255·std) with offset ≈ −mean/std → torch-normalization;
 * - scale ≈ 1, offset ≈ 0 → raw-pixels;
 * - scale ≈ 1, offsets ≈ the ImageNet means:
 *   caffe mode: channels not flipped (RGB reaches the model) → caffe-without-bgr *whatever the order
 *   of the means* — "caffe, then reversed" and "RGB minus RGB-ordered means" are the same tensor;
 *   channels flipped but the means in RGB order → channel-order (means and channels disagree);
 * - a scaled-down range (scale ≤ 1/50) with offsets of the size of the ImageNet means, in either
 *   order of scaling and subtracting → scaled-then-mean;
 * - the mode's own map applied twice (any channel order) → double-preprocessing;
 * - the mode's own scale/offset with the channels in another order → channel-order.
 *
 * Returns undefined for a map none of these describe (the caller keeps the catalogue's name or
 * reports `unknown`).
 */
import { CAFFE_MEAN_BGR, compose, IDENTITY, modeAffine, reverseChannels, TORCH_MEAN, TORCH_STD, type ChannelAffine } from './affine.js';
import type { DiagnosisCode } from './codes.js';

export interface NamedNormalization {
  /** null: this is the correct preprocessing for the mode. */
  code: DiagnosisCode | null;
  /** What the map does, for people, e.g. "x / 255 (channels reversed)". */
  variant: string;
}

const CAFFE_MEAN_RGB = [...CAFFE_MEAN_BGR].reverse();

/** Relative tolerance on scales and offsets: generous enough for a fit on a resized image. */
const REL = 0.03;

function near(a: number, b: number, abs = 1e-6): boolean {
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

function nearAll(a: number[], b: number[], abs = 1e-6): boolean {
  return a.length === b.length && a.every((v, i) => near(v, b[i]!, abs));
}

/** `a` equals `b` or `b` reversed. */
function nearEitherOrder(a: number[], b: number[], abs = 1e-6): boolean {
  return nearAll(a, b, abs) || nearAll(a, [...b].reverse(), abs);
}

function sameMap(a: ChannelAffine, b: ChannelAffine): boolean {
  return a.source.join() === b.source.join() && nearAll(a.scale, b.scale) && nearAll(a.offset, b.offset, 1e-3);
}

const sourceName = (a: ChannelAffine) =>
  a.source.join() === '0,1,2' ? 'RGB' : a.source.join() === '2,1,0' ? 'BGR' : `channels [${a.source.join(', ')}]`;

const fmt = (values: number[]) => `[${values.map((v) => +v.toFixed(3)).join(', ')}]`;

export function nameNormalization(affine: ChannelAffine, mode: string): NamedNormalization | undefined {
  const correct = modeAffine(mode);
  if (sameMap(affine, correct)) return { code: null, variant: `Keras '${mode}'` };
  const order = sourceName(affine);
  const { scale, offset } = affine;
  const uniform = scale.every((s) => near(s, scale[0]!));
  const s = scale[0]!;
  const meanOffset = offset.reduce((a, b) => a + b, 0) / 3;

  // The mode's map twice, in any channel order.
  const twice = [compose(correct, correct), compose(correct, reverseChannels(correct)), compose(reverseChannels(correct), correct)];
  if (twice.some((t) => nearAll(scale, t.scale) && nearEitherOrder(offset, t.offset, 1e-3)) && !sameMap(correct, IDENTITY)) {
    return { code: 'double-preprocessing', variant: `${mode} preprocessing applied twice (${order} channels, offsets ${fmt(offset)})` };
  }
  // The mode's own scale and offset, channels in another order (caffe mode: below, by the means).
  if (mode !== 'caffe' && nearAll(scale, correct.scale) && nearAll(offset, correct.offset, 1e-3) && affine.source.join() !== correct.source.join()) {
    return { code: 'channel-order', variant: `${mode} preprocessing with the channels in ${order} order` };
  }

  if (uniform && near(s, 1)) {
    if (offset.every((o) => Math.abs(o) < 1)) return { code: 'raw-pixels', variant: `x (no preprocessing, ${order} channels)` };
    const means = offset.map((o) => -o);
    if (nearEitherOrder(means, CAFFE_MEAN_BGR, 0.5)) {
      const meanOrder = nearAll(means, CAFFE_MEAN_BGR, 0.5) ? 'BGR' : 'RGB';
      if (affine.source.join() === '0,1,2') {
        return { code: 'caffe-without-bgr', variant: `x - ImageNet means (${meanOrder} order) on RGB channels, no RGB→BGR flip` };
      }
      if (mode === 'caffe' && affine.source.join() === '2,1,0') {
        return { code: 'channel-order', variant: `BGR channels minus the ImageNet means in ${meanOrder} order` };
      }
    }
    return undefined;
  }
  if (uniform && near(s, 1 / 255)) {
    if (nearEitherOrder(offset.map((o) => -o), TORCH_MEAN, 0.01)) {
      return { code: 'torch-normalization', variant: `x / 255 - ImageNet mean, without dividing by std (${order} channels)` };
    }
    if (offset.every((o) => Math.abs(o) < 0.05)) return { code: 'unit-scaling', variant: `x / 255 (${order} channels)` };
  }
  if (uniform && near(s, 1 / 127.5) && offset.every((o) => near(o, -1, 0.02))) {
    return { code: 'symmetric-scaling', variant: `x / 127.5 - 1 (${order} channels)` };
  }
  const torchScale = TORCH_STD.map((sd) => 1 / (255 * sd));
  if (nearEitherOrder(scale, torchScale) && nearEitherOrder(offset, TORCH_MEAN.map((m, i) => -m / TORCH_STD[i]!), 0.02)) {
    return { code: 'torch-normalization', variant: `(x / 255 - mean) / std (${order} channels)` };
  }
  // A range scaled down to a few units, with offsets the size of 0..255 ImageNet means.
  if (scale.every((v) => Math.abs(v) <= 1 / 50) && meanOffset < -50) {
    return { code: 'scaled-then-mean', variant: `x scaled by ${fmt(scale)}, then ImageNet means subtracted (offsets ${fmt(offset)}, ${order} channels)` };
  }
  // The ImageNet means subtracted from 0..255 pixels, then scaled down ((x - mean) / 127.5 - 1 and the like).
  if (uniform && s <= 1 / 50 && s > 0 && nearEitherOrder(offset.map((o) => o - meanOffset), CAFFE_MEAN_BGR.map((m) => -m * s + (CAFFE_MEAN_BGR.reduce((a, b) => a + b, 0) / 3) * s), 0.02)) {
    return { code: 'scaled-then-mean', variant: `ImageNet means subtracted, then scaled by ${fmt(scale)} (offsets ${fmt(offset)}, ${order} channels)` };
  }
  return undefined;
}
