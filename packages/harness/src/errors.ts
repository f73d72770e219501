/**
 * Every failure the harness can name. Each error carries a stable `code` (used in JSON reports and
 * messages) and, where it concerns one golden image, the `file` it happened on, so that one bad
 * image or one faulty pipeline call is reported without stopping the rest of the run.
 */
export class HarnessError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The reference file is missing, unreadable, not JSON, or does not follow the reference format. */
export class ReferenceFileError extends HarnessError {
  readonly file: string;
  readonly problem: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super('reference-file', `Reference ${file}: ${problem}`, options);
    this.file = file;
    this.problem = problem;
  }
}

/** A golden image's bytes no longer hash to what the reference recorded: comparing would be meaningless. */
export class GoldenImageChangedError extends HarnessError {
  readonly file: string;
  readonly expectedSha256: string;
  readonly actualSha256: string;
  constructor(file: string, expectedSha256: string, actualSha256: string) {
    super(
      'golden-image-changed',
      `Golden image ${file} changed since the reference was recorded ` +
        `(SHA-256 ${actualSha256.slice(0, 12)}…, reference has ${expectedSha256.slice(0, 12)}…). ` +
        'Restore the original file or record the reference again.',
    );
    this.file = file;
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }
}

/** A golden image listed in the reference is not in the images directory (or cannot be read). */
export class GoldenImageMissingError extends HarnessError {
  readonly file: string;
  constructor(file: string, path: string, options?: { cause?: unknown }) {
    super('golden-image-missing', `Golden image ${file} listed in the reference cannot be read at ${path}`, options);
    this.file = file;
  }
}

/** The model under test is not the one the reference was recorded with (different weights). */
export class ModelMismatchError extends HarnessError {
  readonly expectedSha256: string;
  readonly actualSha256: string;
  readonly model: string;
  constructor(model: string, expectedSha256: string, actualSha256: string) {
    super(
      'model-mismatch',
      `Model ${model} is not the model the reference was recorded with: its weights hash to ` +
        `${actualSha256.slice(0, 12)}…, the reference expects ${expectedSha256.slice(0, 12)}…. ` +
        'Point --model at the exported model of the recording, or record the reference again.',
    );
    this.model = model;
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }
}

/** model.json or one of its weight shards is missing or unreadable. */
export class ModelLoadError extends HarnessError {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('model-load', `Cannot load model: ${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

/** The pipeline module or its export cannot be loaded. */
export class PipelineLoadError extends HarnessError {
  readonly spec: string;
  constructor(spec: string, reason: string, options?: { cause?: unknown }) {
    super('pipeline-load', `Cannot load pipeline ${spec}: ${reason}`, options);
    this.spec = spec;
  }
}

/** The golden-images directory is missing, not a directory, unreadable, or holds no image. */
export class ImagesDirError extends HarnessError {
  readonly dir: string;
  readonly reason: string;
  constructor(dir: string, reason: string, options?: { cause?: unknown }) {
    super('images-dir', `Images directory ${dir}: ${reason}`, options);
    this.dir = dir;
    this.reason = reason;
  }
}

/** One golden image could not be read, decoded or run while recording a reference. */
export class UnreadableImageError extends HarnessError {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    const what = cause instanceof Error ? cause.message : String(cause);
    super('unreadable-image', what.includes(file) ? what : `${file}: ${what}`, { cause });
    this.file = file;
  }
}

/**
 * A recording skipped some images: the reference holds every readable one (and was written when
 * `out` was given); `skipped` names each other file with its cause.
 */
export class RecordIncompleteError extends HarnessError {
  readonly out: string | null;
  readonly recorded: number;
  readonly skipped: UnreadableImageError[];
  constructor(out: string | null, recorded: number, skipped: UnreadableImageError[]) {
    super(
      'record-incomplete',
      `recorded ${recorded} image${recorded === 1 ? '' : 's'}${out ? ` to ${out}` : ''}, but ${skipped.length} could not be read:\n` +
        skipped.map((e) => `  - ${e.file}: ${e.message}`).join('\n') +
        '\nFix or remove these files and record again (with --force to replace the reference).',
    );
    this.out = out;
    this.recorded = recorded;
    this.skipped = skipped;
  }
}

/** Bad command-line usage (exit code 2). */
export class UsageError extends HarnessError {
  constructor(message: string) {
    super('usage', message);
  }
}

export type PipelineErrorCode =
  | 'pipeline-threw'
  | 'pipeline-timeout'
  | 'pipeline-output-type'
  | 'pipeline-output-shape'
  | 'pipeline-output-dtype'
  | 'pipeline-non-finite'
  | 'pipeline-tensor-leak'
  | 'pipeline-slow';

/** A fault of the user's pipeline on one golden image. */
export class PipelineError extends HarnessError {
  readonly file: string;
  declare readonly code: PipelineErrorCode;
  constructor(code: PipelineErrorCode, file: string, detail: string, options?: { cause?: unknown }) {
    super(code, `Pipeline on ${file}: ${detail}`, options);
    this.file = file;
  }
}

export class PipelineThrewError extends PipelineError {
  constructor(file: string, cause: unknown) {
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super('pipeline-threw', file, `threw ${what}`, { cause });
  }
}

export class PipelineTimeoutError extends PipelineError {
  readonly timeoutMs: number;
  constructor(file: string, timeoutMs: number) {
    super('pipeline-timeout', file, `did not finish within ${timeoutMs} ms (raise timeoutMs / --timeout-ms if it is just slow)`);
    this.timeoutMs = timeoutMs;
  }
}

export class PipelineOutputTypeError extends PipelineError {
  constructor(file: string, detail: string) {
    super('pipeline-output-type', file, detail);
  }
}

export class PipelineOutputShapeError extends PipelineError {
  readonly shape: number[];
  readonly expected: number[];
  constructor(file: string, shape: number[], expected: number[]) {
    super(
      'pipeline-output-shape',
      file,
      `returned shape [${shape.join(', ')}], the model expects [${expected.join(', ')}] or [1, ${expected.join(', ')}]`,
    );
    this.shape = shape;
    this.expected = expected;
  }
}

export class PipelineOutputDtypeError extends PipelineError {
  readonly dtype: string;
  constructor(file: string, dtype: string) {
    super(
      'pipeline-output-dtype',
      file,
      `returned dtype ${dtype}; the model input must be float32 (Keras' img_to_array gives float32: use tf.cast(x, 'float32') or a Float32Array)`,
    );
    this.dtype = dtype;
  }
}

export class PipelineNonFiniteError extends PipelineError {
  readonly nanCount: number;
  readonly infCount: number;
  constructor(file: string, nanCount: number, infCount: number) {
    super('pipeline-non-finite', file, `returned ${nanCount} NaN and ${infCount} ±Infinity values`);
    this.nanCount = nanCount;
    this.infCount = infCount;
  }
}

export class PipelineTensorLeakError extends PipelineError {
  readonly leaked: number;
  constructor(file: string, leaked: number) {
    super(
      'pipeline-tensor-leak',
      file,
      `leaked ${leaked} tensor${leaked === 1 ? '' : 's'} (tf.memory().numTensors grew, not counting the returned one); wrap the work in tf.tidy() or dispose intermediates`,
    );
    this.leaked = leaked;
  }
}

/** The pipeline finished, but used more than half of its time limit on this image. */
export class PipelineSlowError extends PipelineError {
  readonly ms: number;
  readonly timeoutMs: number;
  constructor(file: string, ms: number, timeoutMs: number) {
    super('pipeline-slow', file, `took ${Math.round(ms)} ms, more than half of its ${timeoutMs} ms limit (--timeout-ms); a busier machine may time it out`);
    this.ms = ms;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * `--browser` / `environment: 'browser'` was asked for, but no Chromium or Chrome executable was
 * found (or it would not start). Outside CI the check is skipped with this message; under CI it fails.
 */
export class BrowserUnavailableError extends HarnessError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'browser-unavailable',
      `No headless browser for the browser check: ${detail}. Install Chromium (Debian/Ubuntu: apt-get install chromium) or point PREPGUARD_CHROMIUM (or CHROME_PATH) at a Chrome/Chromium executable.`,
      options,
    );
  }
}

/** The pipeline module could not be bundled for the browser (esbuild's first error, with its location). */
export class BrowserBundleError extends HarnessError {
  readonly module: string;
  constructor(module: string, detail: string, options?: { cause?: unknown }) {
    super('browser-bundle', `Pipeline ${module}: bundling it for the browser failed: ${detail}`, options);
    this.module = module;
  }
}

/** A plain `{ name, message }` for JSON reports. */
export function serializeError(error: unknown): { name: string; message: string; code?: string } {
  if (error instanceof HarnessError) return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
