/**
 * @prepguard/preprocess: Keras' `load_img`, `img_to_array` and `preprocess_input`,
 * bit-exact in TypeScript (Pillow-exact decoding conversions and resize filters).
 */
export { loadImg, loadImgFromDecoded, type LoadImgOptions } from './load-img.js';
export { imgToArray, type ImgToArrayOptions } from './img-to-array.js';
export { preprocessInput, isTensor, type PreprocessOptions, type TensorLike } from './preprocess-input.js';
export {
  KERAS_APPLICATIONS,
  KERAS_APPLICATION_MODULES,
  KERAS_APPLICATION_NAMES,
  preprocessMode,
  type KerasApplication,
} from './applications.js';
export { DecompressionBombError, ImageDecodeError, PILLOW_MAX_IMAGE_PIXELS } from './errors.js';

// Building blocks (each one step of load_img, usable on its own).
export { decodeImage, type DecodeOptions } from './decode.js';
export { detectFormat, SUPPORTED_FORMATS, type SupportedFormat } from './formats.js';
export { applyColorMode, toRgb, toRgba, toL, premultiplyAlpha, unpremultiplyAlphaInPlace } from './pillow-convert.js';
export { resizeImage, type Box } from './resize/index.js';
export { kerasBox } from './keras-box.js';
export { RESAMPLE_FILTERS, type ResampleFilter } from './resize/filters.js';
export type {
  ColorMode,
  DataFormat,
  Interpolation,
  KerasImage,
  PillowImage,
  PillowMode,
  PixelArray,
  PreprocessMode,
} from './types.js';
