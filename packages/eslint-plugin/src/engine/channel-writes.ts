// Per-channel code (`out[i] = buf[i + 2] - 103.939; ...` or `tf.stack([b.sub(103.939), ...])`) merged back
// into one pixel state: channel flips from the read/write offsets, mean/std vectors from the per-channel constants.
import type { TSESTree } from '@typescript-eslint/utils';
import { caffeMeansOrder, isTorchMean, isTorchStd } from './constants.js';
import type { PixelValue, Step } from './domain.js';

export interface ChannelWrite {
  /** Output channel (write offset or position in a stack). */
  outChannel: number;
  /** Input channel the value was read from. */
  inChannel: number | undefined;
  value: PixelValue;
}

function channelConstants(writes: ChannelWrite[], kind: Step['kind']): number[] | undefined {
  const byChannel: number[] = [];
  for (const write of writes) {
    const step = [...write.value.steps].reverse().find((s) => s.kind === kind && s.channelConstant !== undefined);
    if (!step || step.channelConstant === undefined) return undefined;
    byChannel[write.outChannel] = step.channelConstant;
  }
  return byChannel.length === 3 && byChannel.every((v) => v !== undefined) ? byChannel : undefined;
}

export function mergeChannelWrites(
  writes: ChannelWrite[],
  site: TSESTree.Node,
  file: string,
  input?: TSESTree.Node,
): PixelValue | undefined {
  if (writes.length === 0) return undefined;
  const [first] = writes;
  if (!first) return undefined;
  if (writes.length === 1) return { ...first.value, elementOffset: undefined };
  const channels = writes.filter((w) => w.outChannel >= 0 && w.outChannel <= 2);
  const flipped =
    channels.length === 3 &&
    channels.every((w) => w.inChannel !== undefined && w.inChannel === 2 - w.outChannel) &&
    channels.some((w) => w.inChannel !== w.outChannel);
  const straight = channels.every((w) => w.inChannel === undefined || w.inChannel === w.outChannel);
  const sourceOrder = first.value.order;
  const order = flipped ? (sourceOrder === 'RGB' ? 'BGR' : sourceOrder === 'BGR' ? 'RGB' : 'unknown') : straight ? sourceOrder : 'unknown';
  const flipStep: Step[] = flipped ? [input ? { kind: 'flip', node: site, file, input } : { kind: 'flip', node: site, file }] : [];
  const sameRange = writes.every((w) => w.value.range === first.value.range);

  if (first.value.range !== 'channelPartial') {
    if (!sameRange) return { ...first.value, range: 'unknown', order, elementOffset: undefined };
    return { ...first.value, order, steps: [...first.value.steps, ...flipStep], elementOffset: undefined };
  }
  if (!sameRange || channels.length !== 3) return { ...first.value, range: 'unknown', elementOffset: undefined };
  const before = first.value.steps.filter((s) => s.channelConstant === undefined);
  const channelStep = first.value.steps.find((s) => s.channelConstant !== undefined) as Step;
  const means = channelConstants(channels, 'meanSub');
  if (means) {
    const meansOrder = caffeMeansOrder(means);
    if (!meansOrder) return { ...first.value, range: 'unknown', elementOffset: undefined };
    const meanStep: Step = { ...channelStep, kind: 'meanSub', detail: meansOrder, node: site, file };
    delete meanStep.input;
    if (input) meanStep.input = input;
    delete meanStep.channelConstant;
    const merged: PixelValue = {
      ...first.value,
      range: 'caffe',
      order,
      steps: [...before, ...flipStep, meanStep],
      elementOffset: undefined,
    };
    if (order !== 'unknown') merged.meansAligned = order === meansOrder;
    return merged;
  }
  const torchMeans = channelConstants(channels, 'torchMean');
  const torchStds = channelConstants(channels, 'torchStd');
  if (torchMeans && torchStds && isTorchMean(torchMeans) && isTorchStd(torchStds)) {
    const step: Step = { ...channelStep, kind: 'torchStd', node: site, file };
    delete step.input;
    if (input) step.input = input;
    delete step.channelConstant;
    return { ...first.value, range: 'torch', order, steps: [...before, ...flipStep, step], elementOffset: undefined };
  }
  return { ...first.value, range: 'unknown', elementOffset: undefined };
}
