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
