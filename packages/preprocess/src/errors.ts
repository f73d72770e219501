/**
 * The one error type this package throws for input it cannot turn into pixels.
 *
 * Keras/Pillow raise a mix of `OSError`, `UnidentifiedImageError` and `ValueError`; we collapse
 * them into one typed error so callers (and the harness) can report "which file, and why"
 * without parsing messages, and never see a half-decoded image.
 */
export class ImageDecodeError extends Error {
  /** The file path, or the `fileName` given for in-memory bytes. */
  readonly file: string;
  /** Human-readable cause, without the file name (e.g. "truncated JPEG data"). */
  readonly reason: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`Cannot decode image "${file}": ${reason}`, options);
    this.name = 'ImageDecodeError';
    this.file = file;
    this.reason = reason;
  }
}

/**
 * Thrown when an image has more pixels than Pillow opens: `Image.open` raises
 * `DecompressionBombError` above twice `Image.MAX_IMAGE_PIXELS` (and only warns above once).
 */
export class DecompressionBombError extends ImageDecodeError {
  readonly pixels: number;
  constructor(file: string, pixels: number) {
    super(
      file,
      `decompression bomb: ${pixels} pixels exceeds ${2 * PILLOW_MAX_IMAGE_PIXELS}, twice Pillow's Image.MAX_IMAGE_PIXELS (${PILLOW_MAX_IMAGE_PIXELS})`,
    );
    this.name = 'DecompressionBombError';
    this.pixels = pixels;
  }
}

/** Pillow's default `Image.MAX_IMAGE_PIXELS`: 1024 * 1024 * 1024 // 4 // 3. */
export const PILLOW_MAX_IMAGE_PIXELS = 89_478_485;

/** Internal: a well-formed file of a kind this package does not model (message starts "unsupported: "). */
export class UnsupportedImage extends Error {}

/** Internal: the file ends before its pixel data does (Pillow: "image file is truncated"). */
export class TruncatedImage extends Error {}

/** Internal: the header announces more pixels than Pillow opens; becomes a `DecompressionBombError`. */
export class TooManyPixels extends Error {
  constructor(readonly pixels: number) {
    super(`${pixels} pixels`);
  }
}

/**
 * Checked on the header, before any pixel buffer is allocated: above twice the limit Pillow
 * raises; above the limit it warns (`DecompressionBombWarning`) and goes on, and so do we.
 */
export function assertPixelCount(pixels: number): void {
  if (pixels > 2 * PILLOW_MAX_IMAGE_PIXELS) throw new TooManyPixels(pixels);
  if (pixels > PILLOW_MAX_IMAGE_PIXELS) {
    process.emitWarning(`image of ${pixels} pixels exceeds Pillow's Image.MAX_IMAGE_PIXELS (${PILLOW_MAX_IMAGE_PIXELS}), could be a decompression bomb`, 'DecompressionBombWarning');
  }
}
