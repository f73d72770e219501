// The abstract "pixel domain": what the engine knows about a value that may hold image pixels.
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Value range of a pixel tensor/array.
 * - `raw`: 0..255 straight from a decoder.
 * - `opaque`: came from somewhere the engine cannot see (a parameter, an unknown call); plausibly raw pixels.
 * - `unit`, `symmetric`, `caffe`, `torch`: the four normalized ranges Keras models use.
 * - `mixed`: two incompatible normalizations stacked (e.g. [-1,1] then the ImageNet means).
 * - `affine`: raw pixels shifted/scaled by constants that make none of the Keras ranges (`(x - 255) / 255`).
 * - the remaining members are half-way states of a multi-step normalization.
 */
export type PixelRange =
  | 'raw'
  | 'opaque'
  | 'unit'
  | 'symmetric'
  | 'caffe'
  | 'torch'
  | 'mixed'
  | 'unknown'
  | 'scaled127'
  | 'centred127'
  | 'unitCentred'
  | 'unitDoubled'
  | 'torchCentred'
  | 'torchCentred255'
  | 'channelPartial'
  | 'affine';

export type ChannelOrder = 'RGB' | 'BGR' | 'unknown';

export type StepKind =
  | 'scale255' // x / 255
  | 'scale127' // x / 127.5 (first half of tf mode)
  | 'shift' // +/- 1, 0.5, 127.5
  | 'scale2' // * 2
  | 'meanSub' // ImageNet means (caffe)
  | 'torchMean'
  | 'torchStd'
  | 'flip' // RGB <-> BGR
  | 'preprocessInput'
  | 'affine' // constant arithmetic on raw pixels that is no Keras normalization
  | 'arith' // arithmetic the engine cannot interpret
  | 'unscale'; // * 255 (undoes /255)

export interface ReportSite {
  node: TSESTree.Node;
  file: string;
}

export interface Step {
  kind: StepKind;
  /** Node that did the step, in `file`. */
  node: TSESTree.Node;
  file: string;
  /** Where to report the step when linting a file that only reaches it through a call. */
  anchor?: ReportSite;
  /** The expression the step was applied to (for suggestions). */
  input?: TSESTree.Node;
  /** For `preprocessInput`: its mode; for meanSub: the order of the means. */
  detail?: string;
  /** Per-channel constant of a loop-body step (merged into a vector later). */
  channelConstant?: number;
  /** Applied to single elements (`v / 255` in a loop or callback): not rewritable as a tensor call. */
  elementwise?: boolean;
  /** The step applied normalization on top of an already-normalized value. */
  double?: Step;
}

/** An image-loading call ahead of the model; the resize rule decides whether it departs from `load_img`. */
export interface LoadIssue {
  kind: 'sharpInput' | 'sharpResize' | 'autoOrient' | 'tfResize' | 'decode';
  node: TSESTree.Node;
  file: string;
  anchor?: ReportSite;
  /** What the call says, e.g. `{ fit: 'cover', kernel: 'lanczos3' }`; undefined = left at the default. */
  facts: Record<string, string | number | boolean | undefined>;
}

export interface PixelValue {
  kind: 'pixels';
  range: PixelRange;
  order: ChannelOrder;
  /** For caffe: whether the means were subtracted in the channel order the tensor had at that time. */
  meansAligned?: boolean;
  /** Applied preprocessing, in order. */
  steps: Step[];
  loadIssues: LoadIssue[];
  /** True when the whole path from a pixel decoder to here is visible. */
  fromSource: boolean;
  rank?: number;
  /** For `affine`: the map from raw pixels, `scale * x + offset`. */
  affine?: { scale: number; offset: number };
  /** Offset of the channel read (`buf[i + 2]` -> 2) for loop bodies. */
  elementOffset?: number;
}

export type PreprocessMode = 'caffe' | 'tf' | 'torch' | 'raw' | 'unit';

export interface ModelInfo {
  mode: PreprocessMode;
  /** Human name: "VGG16", "EfficientNet", "@tensorflow-models/mobilenet", a settings pattern... */
  name: string;
  /** The model normalizes its input itself (tfjs-models wrappers, EfficientNet/ConvNeXt/MobileNetV3). */
  normalizesInside: boolean;
  /** It is a Keras application (relevant to load_img-compatible resizing). */
  keras: boolean;
}

export interface ModelValue {
  kind: 'model';
  /** The URL/path it was loaded from, when static. */
  location?: string;
  /** Undefined when a model is loaded but its family is unknown. */
  info?: ModelInfo;
  /** Explicitly not a Keras model (PoseNet look-alikes, TF Hub): suppresses name guesses. */
  notKeras?: boolean;
}

/** A sharp pipeline that has not produced output yet. */
export interface SharpValue {
  kind: 'sharp';
  raw: boolean;
  loadIssues: LoadIssue[];
  resized: boolean;
  ignoreIcc: boolean;
}

/** Encoded image bytes (JPEG/PNG...) that still need decoding; carries issues from how they were made. */
export interface EncodedValue {
  kind: 'encoded';
  loadIssues: LoadIssue[];
}

/** `{ data, info }` objects: sharp `resolveWithObject`, canvas ImageData. */
export interface ObjectValue {
  kind: 'object';
  props: Map<string, () => Value | undefined>;
}

/** Channels obtained by `tf.split`/`tf.unstack` along the last axis. */
export interface ChannelListValue {
  kind: 'channels';
  of: PixelValue;
  indices: number[];
  splitNode: TSESTree.Node;
  file: string;
}

export interface ChannelValue {
  kind: 'channel';
  of: PixelValue;
  index: number;
  splitNode: TSESTree.Node;
  file: string;
}

/** A decoded image held by an image library (a Jimp image): pixels behind library methods and properties. */
export interface ImageObjectValue {
  kind: 'image';
  library: 'jimp';
  loadIssues: LoadIssue[];
}

/** `new Classifier(...)` of a class declared in the project: its methods can be followed. */
export interface InstanceValue {
  kind: 'instance';
  body: TSESTree.ClassBody;
  file: string;
}

export type Value =
  | PixelValue
  | ImageObjectValue
  | InstanceValue
  | ModelValue
  | SharpValue
  | EncodedValue
  | ObjectValue
  | ChannelListValue
  | ChannelValue;

export function pixels(partial: Partial<PixelValue> & Pick<PixelValue, 'range'>): PixelValue {
  return { kind: 'pixels', order: 'unknown', steps: [], loadIssues: [], fromSource: false, ...partial };
}

/** Ranges that already contain a normalization (preprocessing applied). */
export function isNormalized(range: PixelRange): boolean {
  return range !== 'raw' && range !== 'opaque' && range !== 'unknown';
}

/** The range each Keras mode expects at the model input. */
export const EXPECTED_RANGE: Record<PreprocessMode, PixelRange> = {
  caffe: 'caffe',
  tf: 'symmetric',
  torch: 'torch',
  unit: 'unit',
  raw: 'raw',
};

/** Join of two alternatives: equal states survive, anything else becomes unknown (precision first). */
export function joinValues(a: Value | undefined, b: Value | undefined): Value | undefined {
  if (!a || !b) return undefined;
  if (a.kind === 'pixels' && b.kind === 'pixels') {
    if (
      a.range === b.range &&
      a.order === b.order &&
      a.meansAligned === b.meansAligned &&
      a.steps.length === b.steps.length &&
      a.steps.every((s, i) => s.kind === b.steps[i]?.kind)
    ) {
      return { ...a, fromSource: a.fromSource && b.fromSource, loadIssues: [...a.loadIssues, ...b.loadIssues] };
    }
    return pixels({ range: 'unknown' });
  }
  if (a.kind === 'model' && b.kind === 'model') {
    if (a.info && b.info && a.info.mode === b.info.mode) return a;
    return { kind: 'model' };
  }
  return a.kind === b.kind ? a : undefined;
}
