import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { selectBackend, type BackendInfo } from '../backend.js';
import { compareInput, compareLayer, compareTop1, compareTopK, levelSize } from '../compare/compare.js';
import { resolveTolerance, type Tolerance } from '../compare/tolerance.js';
import { diagnoseCandidate } from '../diagnosis/diagnose.js';
import { GoldenImageChangedError, ImagesDirError, PipelineLoadError, GoldenImageMissingError, ModelMismatchError, ReferenceFileError, serializeError } from '../errors.js';
import { float32Sha256, sha256Hex } from '../hash.js';
import { kerasInput, type KerasInput } from '../input/keras-input.js';
import { InferenceRunner } from '../model/inference.js';
import { resolveModel, weightsSha256, type LoadedModel } from '../model/load.js';
import { loadPipeline } from '../pipeline/resolve.js';
import { nodeRunner, type PipelineRunner } from '../pipeline/run.js';
import { BrowserPipelineRunner } from '../browser/runner.js';
import type { Reference, ReferenceImage } from '../reference/types.js';
import { readReference, validateReference } from '../reference/validate.js';
import type { CheckOptions, CheckReport, ImageResult, ImageStatus, InputParity, Timings } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Where golden images live when `images` is not given (see CheckOptions.images). */
export function defaultImagesDir(referencePath: string | null): string {
  if (referencePath === null) return process.cwd();
  const dir = dirname(resolve(referencePath));
  const sibling = join(dir, 'images');
  return existsSync(sibling) ? sibling : dir;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * One check run, opened once (reference, backend, model, pipeline) and then asked image by image,
 * so jest can run one test per golden image while sharing the expensive setup.
 */
export class CheckSession {
  private constructor(
    readonly reference: Reference,
    readonly referenceFile: string | null,
    readonly imagesDir: string,
    readonly backend: BackendInfo,
    readonly model: LoadedModel,
    readonly pipeline: PipelineRunner,
    readonly runner: InferenceRunner,
    readonly tolerance: Tolerance,
    readonly inputParity: InputParity,
    readonly timeoutMs: number,
    readonly collectArtifacts: boolean,
  ) {}

  /**
   * Throws (ReferenceFileError, ModelLoadError, ModelMismatchError, PipelineLoadError, and for the
   * browser BrowserUnavailableError, BrowserBundleError) when the run cannot start.
   */
  static async open(options: CheckOptions): Promise<CheckSession> {
    if (options.images !== undefined && !isDirectory(options.images)) {
      throw new ImagesDirError(options.images, existsSync(options.images) ? 'is not a directory' : 'does not exist');
    }
    const referenceFile = typeof options.reference === 'string' ? options.reference : null;
    const reference = referenceFile ? readReference(referenceFile) : validateReference(options.reference);
    const backend = await selectBackend();
    const model = await resolveModel(options.model);
    if (options.verifyModel !== false) {
      const actual = weightsSha256(model.model);
      if (actual !== reference.model.weightsSha256) throw new ModelMismatchError(model.source, reference.model.weightsSha256, actual);
    }
    const recorded = Object.keys(reference.images[0]?.layers ?? {});
    const layers = options.layers ?? recorded;
    for (const layer of layers) {
      const missing = reference.images.find((img) => !(layer in img.layers));
      if (missing) throw new ReferenceFileError(referenceFile ?? '<reference>', `layer "${layer}" was not recorded for ${missing.file} (recorded: ${Object.keys(missing.layers).join(', ') || 'none'})`);
    }
    const pipeline = await openRunner(options);
    const runner = new InferenceRunner(model, layers);
    return new CheckSession(
      reference,
      referenceFile,
      options.images ?? defaultImagesDir(referenceFile),
      backend,
      model,
      pipeline,
      runner,
      resolveTolerance(options.tolerance, backend),
      options.inputParity ?? 'warn',
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.collectArtifacts ?? false,
    );
  }

  get files(): string[] {
    return this.reference.images.map((img) => img.file);
  }

  /** Checks one golden image. Never throws: every fault becomes the image's `error`. */
  async checkImage(file: string): Promise<ImageResult> {
    const refImage = this.reference.images.find((img) => img.file === file);
    const timings: Timings = { kerasMs: 0, pipelineMs: 0, inferenceMs: 0, compareMs: 0, diagnosisMs: 0 };
    const result: ImageResult = {
      file,
      status: 'pass',
      top1: null,
      topK: null,
      layers: {},
      input: null,
      referenceParity: null,
      diagnosis: null,
      notes: [],
      problems: [],
      minimumPassing: {},
      timings,
    };
    try {
      if (!refImage) throw new ReferenceFileError(this.referenceFile ?? '<reference>', `has no image named ${file}`);
      await this.check(refImage, result);
    } catch (error) {
      result.status = 'error';
      result.error = serializeError(error);
      result.problems.push(result.error.message);
    }
    return result;
  }

  private readGolden(refImage: ReferenceImage): Uint8Array {
    const path = join(this.imagesDir, refImage.file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw new GoldenImageMissingError(refImage.file, path, { cause });
    }
    const actual = sha256Hex(bytes);
    if (actual !== refImage.sha256) throw new GoldenImageChangedError(refImage.file, refImage.sha256, actual);
    return bytes;
  }

  private async check(refImage: ReferenceImage, result: ImageResult): Promise<void> {
    const { timings } = result;
    const tol = this.tolerance;
    const prep = this.reference.preprocessing;
    let t = performance.now();
    const bytes = this.readGolden(refImage);
    const keras: KerasInput = await kerasInput(bytes, prep, refImage.file);
    timings.kerasMs = performance.now() - t;

    const portSha = float32Sha256(keras.data);
    result.referenceParity =
      portSha === refImage.input.sha256
        ? { match: true, detail: 'the Keras-exact port reproduces the recorded input bit for bit' }
        : {
            match: false,
            detail:
              `the Keras-exact port's input for ${refImage.file} does not hash to the recorded input ` +
              `(${portSha.slice(0, 12)}… vs ${refImage.input.sha256.slice(0, 12)}…): the reference and @prepguard/preprocess disagree on this image, so input parity is measured against the port`,
          };

    const run = await this.pipeline.run(bytes, refImage.file, keras.shape, this.timeoutMs);
    timings.pipelineMs = run.ms;
    if (this.collectArtifacts) {
      Object.defineProperty(result, 'artifacts', {
        enumerable: false,
        value: { image: bytes, shape: keras.shape, mode: prep.mode, referenceInput: keras.data, candidateInput: run.candidate?.data ?? null },
      });
    }
    // Leaks, slowness and dtype are reported beside the comparison; only no output at all is an error.
    result.notes = run.notes.map(serializeError);
    const candidate = run.candidate;
    if (!candidate) {
      result.status = 'error';
      result.error = serializeError(run.error);
      result.problems.push(run.error!.message, ...run.notes.map((n) => n.message));
      return;
    }

    t = performance.now();
    result.input = compareInput(keras.data, candidate.data, prep.mode, tol);
    // A channels-first output was transposed for comparison, but the model would get it as is.
    if (candidate.channelsFirst) result.input.pass = false;
    timings.compareMs += performance.now() - t;

    if (!result.input.pass || candidate.channelsFirst) {
      t = performance.now();
      result.diagnosis = await diagnoseCandidate(bytes, refImage.file, prep, candidate, keras, this.pipeline.browserDecoder);
      if (result.diagnosis) result.input = { ...result.input, ...result.diagnosis.errorBefore, maxAbsErrorLevels: result.diagnosis.errorBefore.maxAbsError / levelSize(prep.mode) };
      timings.diagnosisMs = performance.now() - t;
      const d = result.diagnosis;
      if (result.artifacts && d?.normalization) {
        const variant = [d, ...d.also].find((f) => f.stage === 'normalize' && f.code !== 'layout')?.variant ?? d.variant;
        result.artifacts.diagnosedNormalization = { variant, affine: d.normalization };
      }
    }

    t = performance.now();
    const inference = this.runner.run(candidate.data, candidate.shape);
    timings.inferenceMs = performance.now() - t;

    t = performance.now();
    const labels = this.reference.labels;
    const top1 = compareTop1(refImage.topK, inference.output, labels, tol);
    result.top1 = top1;
    result.topK = compareTopK(refImage.topK, inference.output, labels, tol);
    for (const [name, stats] of Object.entries(inference.layers)) {
      result.layers[name] = compareLayer(refImage.layers[name]!, stats, tol);
    }
    timings.compareMs += performance.now() - t;

    const failures: string[] = [];
    const warnings: string[] = [];
    if (candidate.channelsFirst) failures.push(`the pipeline returned channels-first [${candidate.returnedShape.join(', ')}]; the model takes channels-last [${keras.shape.join(', ')}]`);
    if (!top1.pass) failures.push(`top-1 changed: class ${top1.candidate.index} instead of ${top1.reference.index}`);
    if (!result.topK.pass) failures.push(`top-${result.topK.k} overlap ${(result.topK.overlap * 100).toFixed(0)}% < ${(tol.minTopKOverlap * 100).toFixed(0)}%`);
    for (const [name, cmp] of Object.entries(result.layers)) {
      if (!cmp.pass) failures.push(`layer ${name} drifted (relative error up to ${(cmp.minimumPassing.layerRelError * 100).toFixed(1)}%, channel-mean cosine ${cmp.channelMeanCosine.toFixed(4)})`);
    }
    if (!result.input.pass && !candidate.channelsFirst && this.inputParity !== 'off') {
      const msg = `model input differs from the Keras input (max abs error ${result.input.maxAbsError.toPrecision(4)} > ${tol.inputMaxAbsError})`;
      (this.inputParity === 'error' ? failures : warnings).push(msg);
    }
    if (result.referenceParity && !result.referenceParity.match) warnings.push(result.referenceParity.detail);
    warnings.push(...run.notes.map((n) => n.message));
    result.problems.push(...failures, ...warnings);
    result.minimumPassing = minimumPassing(result);

    const status: ImageStatus = failures.length ? 'fail' : warnings.length ? 'warn' : 'pass';
    result.status = status;
  }

  report(images: ImageResult[]): CheckReport {
    const summary = { pass: 0, warn: 0, fail: 0, error: 0, total: images.length };
    for (const img of images) summary[img.status]++;
    return {
      ok: summary.fail === 0 && summary.error === 0,
      backend: this.backend.name,
      ...(this.backend.fallback ? { backendFallback: { from: 'tensorflow' as const, code: this.backend.fallback.code, message: this.backend.fallback.message } } : {}),
      reference: {
        file: this.referenceFile,
        producer: this.reference.producer,
        model: this.reference.model,
        preprocessing: this.reference.preprocessing,
      },
      model: { source: this.model.source, kind: this.model.kind },
      tolerance: this.tolerance,
      inputParity: this.inputParity,
      summary,
      inference: { runs: this.runner.misses, cached: this.runner.hits },
      images,
    };
  }

  /** Closes the pipeline's runner (the browser, for a browser check); the model and its cache are shared. */
  async dispose(): Promise<void> {
    await this.pipeline.close();
  }
}

async function openRunner(options: CheckOptions): Promise<PipelineRunner> {
  if (options.environment === 'browser') {
    if (typeof options.pipeline !== 'string') {
      throw new PipelineLoadError('<function>', "a browser check needs the pipeline as a module path ('path/to/module.ts#export'), since the module is bundled for the page");
    }
    return BrowserPipelineRunner.open(options.pipeline, options.browser ? { browser: options.browser } : {});
  }
  return nodeRunner(typeof options.pipeline === 'string' ? await loadPipeline(options.pipeline) : options.pipeline);
}

/** The loosest value each check reached on this image: the tolerance that would have passed. */
function minimumPassing(result: ImageResult): Partial<Tolerance> {
  const out: Partial<Tolerance> = {};
  if (result.input) {
    out.inputMaxAbsError = result.input.maxAbsError;
    out.inputMeanAbsError = result.input.meanAbsError;
  }
  if (result.topK) out.minTopKOverlap = result.topK.overlap;
  const layers = Object.values(result.layers);
  if (layers.length) {
    out.layerRelError = Math.max(...layers.map((l) => l.minimumPassing.layerRelError));
    out.layerMinCosine = Math.min(...layers.map((l) => l.minimumPassing.layerMinCosine));
  }
  return out;
}
