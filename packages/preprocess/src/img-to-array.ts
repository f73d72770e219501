/**
 * `keras.utils.img_to_array` (keras/src/utils/image_utils.py): pixels to float32, HWC, or CHW
 * for channels_first. Values are not rescaled.
 */
import type { DataFormat, KerasImage, PixelArray } from './types.js';

export interface ImgToArrayOptions {
  dataFormat?: DataFormat;
}

export function assertDataFormat(dataFormat: unknown): asserts dataFormat is DataFormat {
  if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
    throw new TypeError(`Unknown data_format: ${JSON.stringify(dataFormat)}`);
  }
}

/** Converts a loaded image to a float32 array of shape `[h, w, c]` (or `[c, h, w]`). */
export function imgToArray(img: KerasImage, options: ImgToArrayOptions = {}): PixelArray {
  const dataFormat = options.dataFormat ?? 'channels_last';
  assertDataFormat(dataFormat);
  const { width, height, channels, data } = img;
  const n = width * height;
  if (data.length !== n * channels) {
    throw new RangeError(`image data has ${data.length} values, expected ${width}x${height}x${channels}`);
  }
  if (dataFormat === 'channels_last') {
    // Every uint8/uint16 value is exactly representable in float32.
    return { data: Float32Array.from(data), shape: [height, width, channels] };
  }
  const out = new Float32Array(n * channels);
  for (let c = 0; c < channels; c++) {
    const plane = c * n;
    for (let i = 0; i < n; i++) out[plane + i] = data[i * channels + c];
  }
  return { data: out, shape: [channels, height, width] };
}
