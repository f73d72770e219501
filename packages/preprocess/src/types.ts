/** Keras' interpolation names (keras/src/utils/image_utils.py `PIL_INTERPOLATION_METHODS`). */
export type Interpolation = 'nearest' | 'bilinear' | 'bicubic' | 'lanczos' | 'box' | 'hamming';

/** `color_mode` of `keras.utils.load_img`. */
export type ColorMode = 'rgb' | 'rgba' | 'grayscale';

/** Keras' `data_format`. */
export type DataFormat = 'channels_last' | 'channels_first';

/** `mode` of `imagenet_utils.preprocess_input`, plus `raw` for models whose `preprocess_input` is a pass-through. */
export type PreprocessMode = 'caffe' | 'tf' | 'torch' | 'raw';

/**
 * The Pillow image modes this package can hold in memory.
 *
 * `I;16` is 16-bit unsigned grayscale (kept 0..65535); `I;16B` the same read from a big-endian
 * TIFF, which Pillow keeps apart (Keras' grayscale mode converts it to L, unlike I;16); every
 * other mode is 8 bits per band.
 * Palette images are expanded at decode time: every conversion Keras applies to a `P` image
 * goes through the palette colours first, so the expanded form gives identical results.
 */
export type PillowMode = 'L' | 'LA' | 'RGB' | 'RGBA' | 'CMYK' | 'I;16' | 'I;16B' | 'I' | 'F';

/** Sample arrays by mode: 8-bit modes Uint8Array, I;16/I;16B Uint16Array, I Int32Array, F Float32Array. */
export type PixelData = Uint8Array | Uint16Array | Int32Array | Float32Array;

/**
 * An image in one of Pillow's modes, bands interleaved row-major (HWC).
 * `data` is a `Uint16Array` for `I;16`/`I;16B`, an `Int32Array` for `I` (32-bit signed gray)
 * and a `Float32Array` for `F` (32-bit float gray), a `Uint8Array` otherwise.
 */
export interface PillowImage {
  mode: PillowMode;
  width: number;
  height: number;
  /** Number of bands (1 for L and I;16, 2 for LA, 3 for RGB, 4 for RGBA/CMYK). */
  channels: number;
  data: PixelData;
  /**
   * Pillow's `info["transparency"]` for an `I;16` image (a PNG tRNS gray level): `convert("RGBA")`
   * makes pixels of exactly this value transparent.
   */
  transparency?: number;
}

/**
 * What `loadImg` returns: the pixels of the PIL image `keras.utils.load_img` returns,
 * HWC, not yet converted to float. Grayscale is 1 channel (`Uint16Array` for 16-bit sources,
 * which Keras keeps at 0..65535, `Int32Array` for 32-bit integer ones, mode I), rgb 3 channels,
 * rgba 4 channels.
 */
export interface KerasImage {
  width: number;
  height: number;
  channels: number;
  data: PixelData;
  /** The Pillow mode Keras would hold at this point: `L`, `I;16`, `I`, `RGB` or `RGBA`. */
  mode?: PillowMode;
}

/** A dense float32 array with its shape, C order (what `img_to_array` returns as numpy). */
export interface PixelArray {
  data: Float32Array;
  shape: number[];
}
