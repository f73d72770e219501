import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { KERAS_APPLICATIONS, type KerasApplication } from '@prepguard/preprocess';
import { selectBackend } from './backend.js';
import { topKEntries } from './compare/compare.js';
import { float32Sha256, sha256Hex } from './hash.js';
import { kerasInput } from './input/keras-input.js';
import { InferenceRunner } from './model/inference.js';
import { resolveModel, weightsSha256 } from './model/load.js';
import { REFERENCE_FORMAT, REFERENCE_VERSION, type Interpolation, type PreprocessMode, type Reference, type ReferencePreprocessing } from './reference/types.js';
import { validateReference } from './reference/validate.js';
import { isCI, writeReference } from './reference/write.js';
import { ImagesDirError, RecordIncompleteError, ReferenceFileError, UnreadableImageError, UsageError } from './errors.js';
import { channelStats } from './stats.js';
import { HARNESS_VERSION } from './version.js';

export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff']);
const MODES: PreprocessMode[] = ['caffe', 'tf', 'torch', 'raw'];

export interface RecordOptions {
  model: string | tf.LayersModel | tf.GraphModel;
  /** A Keras application name (its preprocess_input) or a preprocess_input mode. */
  preprocess: KerasApplication | PreprocessMode;
  /** Directory of golden images (every .jpg/.jpeg/.png/.webp/.gif/.tif/.tiff file, sorted by name). */
  images: string;
  /** Write the reference here (refuses to replace an existing file unless `force`). */
  out?: string;
  /** Replace an existing `out` file. Ignored under CI: there an existing reference is never replaced. */
  force?: boolean;
  /** Treat the run as CI (default: the CI environment variable). */
  ci?: boolean;
  /** Layers whose statistics are recorded (default none). */
  layers?: string[];
  /** [height, width]; default: the model's input size. */
  targetSize?: [number, number];
  interpolation?: Interpolation;
  keepAspectRatio?: boolean;
  /** How many top classes to record (default 5). */
  topK?: number;
  /** Model name recorded in the reference (default: the application name, or "model"). */
  modelName?: string;
  labels?: string[] | null;
  /** Called after each image (recorded or skipped). */
  onProgress?: (done: number, total: number, file: string) => void;
}

/** Lists the golden images of a directory in a stable order; a missing or unreadable directory is an ImagesDirError. */
export function listImages(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code ?? (cause as Error).message})`;
    throw new ImagesDirError(dir, reason, { cause });
  }
  return names.filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase())).sort();
}

/**
 * Records a reference without Python, with the Keras-exact port of load_img / img_to_array /
 * preprocess_input and the TF.js model (producer "prepguard"). References recorded by real Keras
 * (scripts/record_reference.py) are the stronger baseline; this one is for teams without Python.
 *
 * Every readable image is recorded. Unreadable ones (undecodable, empty) are skipped, and after the
 * reference is written a RecordIncompleteError names each with its cause.
 */
export async function recordReference(options: RecordOptions): Promise<Reference> {
  const application = options.preprocess in KERAS_APPLICATIONS ? (options.preprocess as KerasApplication) : null;
  const mode: PreprocessMode = application ? KERAS_APPLICATIONS[application] : (options.preprocess as PreprocessMode);
  if (!MODES.includes(mode)) {
    throw new UsageError(`unknown preprocess "${options.preprocess}": use a Keras application (vgg16, resnet50, mobilenet_v2, ...) or a mode (${MODES.join(', ')})`);
  }
  const files = listImages(options.images);
  if (files.length === 0) throw new ImagesDirError(options.images, `holds no image (${[...IMAGE_EXTENSIONS].join(', ')})`);
  const backend = await selectBackend();
  const loaded = await resolveModel(options.model);
  const [h, w, c] = loaded.inputShape;
  const targetSize = options.targetSize ?? (h && w && h > 0 && w > 0 ? [h, w] as [number, number] : null);
  const prep: ReferencePreprocessing = {
    mode,
    application,
    targetSize,
    interpolation: options.interpolation ?? 'nearest',
    keepAspectRatio: options.keepAspectRatio ?? false,
    colorMode: c === 1 ? 'grayscale' : c === 4 ? 'rgba' : 'rgb',
    dataFormat: 'channels_last',
  };
  const layers = options.layers ?? [];
  const runner = new InferenceRunner(loaded, layers);
  const k = options.topK ?? 5;
  const labels = options.labels ?? null;
  const images: Reference['images'] = [];
  const skipped: UnreadableImageError[] = [];
  let outputClasses = 0;
  // One unreadable file must not cost the others their recording: each is named at the end.
  for (const file of files) {
    try {
      const bytes = readFileSync(join(options.images, file));
      const input = await kerasInput(bytes, prep, file);
      const result = runner.run(input.data, input.shape);
      outputClasses = result.output.length;
      images.push({
        file,
        sha256: sha256Hex(bytes),
        input: { shape: input.shape, sha256: float32Sha256(input.data), channels: channelStats(input.data, input.shape[input.shape.length - 1]!) },
        topK: topKEntries(result.output, Math.min(k, result.output.length), labels),
        layers: result.layers,
      });
    } catch (cause) {
      skipped.push(new UnreadableImageError(file, cause));
    }
    options.onProgress?.(images.length + skipped.length, files.length, file);
  }
  if (images.length === 0) throw new RecordIncompleteError(null, 0, skipped);
  const reference: Reference = {
    format: REFERENCE_FORMAT,
    version: REFERENCE_VERSION,
    producer: {
      name: 'prepguard',
      versions: { prepguard: HARNESS_VERSION, tfjs: tf.version.tfjs, backend: backend.name },
      createdAt: new Date().toISOString(),
    },
    model: {
      name: options.modelName ?? application ?? 'model',
      weightsSha256: weightsSha256(loaded.model),
      inputShape: input0Shape(images),
      outputClasses,
    },
    preprocessing: prep,
    labels,
    images,
  };
  validateReference(reference, options.out ?? '<recorded reference>');
  if (options.out) {
    const ci = options.ci ?? isCI();
    if (ci && options.force && existsSync(options.out)) {
      throw new ReferenceFileError(options.out, 'already exists and is never replaced under CI; record it locally and commit it');
    }
    writeReference(reference, options.out, { force: options.force && !ci });
  }
  if (skipped.length) throw new RecordIncompleteError(options.out ?? null, images.length, skipped);
  return reference;
}

function input0Shape(images: Reference['images']): number[] {
  return images[0]!.input.shape;
}
