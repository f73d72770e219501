/**
 * Every normalization mistake in the catalogue is, per output channel, `scale · pixel[source] + offset`
 * (a channel permutation plus an affine map). Representing them that way lets the diagnosis both
 * replay a mistake on the reference pixels and invert it on the candidate's tensor, which is what
 * finds a normalization mistake even when a resize mistake sits in front of it.
 */
export interface ChannelAffine {
  /** For each output channel, the input (RGB) channel it reads. */
  source: number[];
  scale: number[];
  offset: number[];
}

/** ImageNet means in BGR order, as Keras' caffe mode subtracts them. */
export const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68];
/** ImageNet mean/std in RGB order, as Keras' torch mode uses them (after /255). */
export const TORCH_MEAN = [0.485, 0.456, 0.406];
export const TORCH_STD = [0.229, 0.224, 0.225];

export const IDENTITY: ChannelAffine = { source: [0, 1, 2], scale: [1, 1, 1], offset: [0, 0, 0] };
export const UNIT: ChannelAffine = { source: [0, 1, 2], scale: [1 / 255, 1 / 255, 1 / 255], offset: [0, 0, 0] };
export const SYMMETRIC: ChannelAffine = { source: [0, 1, 2], scale: [1 / 127.5, 1 / 127.5, 1 / 127.5], offset: [-1, -1, -1] };
export const TORCH: ChannelAffine = {
  source: [0, 1, 2],
  scale: TORCH_STD.map((s) => 1 / (255 * s)),
  offset: TORCH_MEAN.map((m, i) => -m / TORCH_STD[i]!),
};
export const CAFFE: ChannelAffine = { source: [2, 1, 0], scale: [1, 1, 1], offset: CAFFE_MEAN_BGR.map((m) => -m) };

/** The Keras preprocess_input mode as an affine map. */
export function modeAffine(mode: string): ChannelAffine {
  switch (mode) {
    case 'caffe':
      return CAFFE;
    case 'tf':
      return SYMMETRIC;
    case 'torch':
      return TORCH;
    default:
      return IDENTITY;
  }
}

/** `outer(inner(p))`. */
export function compose(outer: ChannelAffine, inner: ChannelAffine): ChannelAffine {
  return {
    source: outer.source.map((s) => inner.source[s]!),
    scale: outer.source.map((s, c) => outer.scale[c]! * inner.scale[s]!),
    offset: outer.source.map((s, c) => outer.scale[c]! * inner.offset[s]! + outer.offset[c]!),
  };
}

/** Output channels in reverse order (RGB ↔ BGR of the result). */
export function reverseChannels(a: ChannelAffine): ChannelAffine {
  return { source: [...a.source].reverse(), scale: [...a.scale].reverse(), offset: [...a.offset].reverse() };
}

export function sameAffine(a: ChannelAffine, b: ChannelAffine): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return a.source.every((s, c) => s === b.source[c] && close(a.scale[c]!, b.scale[c]!) && close(a.offset[c]!, b.offset[c]!));
}

/** Applies the map to channels-last RGB pixels (any numeric array), rounding to float32 like a tensor op. */
export function applyAffine(a: ChannelAffine, pixels: ArrayLike<number>, channels = 3): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i += channels) {
    for (let c = 0; c < channels; c++) out[i + c] = a.scale[c]! * pixels[i + a.source[c]!]! + a.offset[c]!;
  }
  return out;
}

/** Recovers the RGB pixels a tensor was made from, assuming it was made with `a`. */
export function invertAffine(a: ChannelAffine, tensor: ArrayLike<number>, channels = 3): Float64Array {
  const out = new Float64Array(tensor.length);
  for (let i = 0; i < tensor.length; i += channels) {
    for (let c = 0; c < channels; c++) out[i + a.source[c]!] = (tensor[i + c]! - a.offset[c]!) / a.scale[c]!;
  }
  return out;
}
