import type { ChannelStats, LayerStats } from '../stats.js';

/** Keras `preprocess_input` modes; 'raw' = pass-through (EfficientNet, ConvNeXt, ...). */
export type PreprocessMode = 'caffe' | 'tf' | 'torch' | 'raw';
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos' | 'box' | 'hamming';
export type ColorMode = 'rgb' | 'rgba' | 'grayscale';
export type DataFormat = 'channels_last' | 'channels_first';

export const REFERENCE_FORMAT = 'prepguard-reference';
export const REFERENCE_VERSION = 1;

export interface ReferencePreprocessing {
  mode: PreprocessMode;
  /** The Keras application whose preprocess_input was used (e.g. 'vgg16'), or null when given as a mode. */
  application: string | null;
  /** [height, width], as Keras' load_img target_size. */
  targetSize: [number, number] | null;
  interpolation: Interpolation;
  keepAspectRatio: boolean;
  colorMode: ColorMode;
  dataFormat: DataFormat;
}

export interface ReferenceTopK {
  index: number;
  label: string | null;
  probability: number;
}

export interface ReferenceImage {
  file: string;
  /** SHA-256 of the image file's bytes. */
  sha256: string;
  input: {
    shape: number[];
    /** SHA-256 of the model input (no batch axis) as float32 little-endian bytes. */
    sha256: string;
    channels: ChannelStats;
  };
  topK: ReferenceTopK[];
  layers: Record<string, LayerStats>;
}

export interface Reference {
  format: typeof REFERENCE_FORMAT;
  version: typeof REFERENCE_VERSION;
  producer: {
    name: 'keras' | 'prepguard';
    versions: Record<string, string>;
    createdAt: string;
  };
  model: {
    name: string;
    weightsSha256: string;
    inputShape: number[];
    outputClasses: number;
  };
  preprocessing: ReferencePreprocessing;
  labels: string[] | null;
  images: ReferenceImage[];
}
