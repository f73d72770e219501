import type * as tf from '@tensorflow/tfjs';
import type { InputComparison, LayerComparison, TopKEntry, TopKResult } from '../compare/compare.js';
import type { Tolerance } from '../compare/tolerance.js';
import type { Diagnosis } from '../diagnosis/diagnose.js';
import type { ChannelAffine } from '../diagnosis/affine.js';
import type { RunningBrowser } from '../browser/chromium.js';
import type { Pipeline } from '../pipeline/types.js';
import type { Reference } from '../reference/types.js';

export type InputParity = 'error' | 'warn' | 'off';
export type ImageStatus = 'pass' | 'warn' | 'fail' | 'error';

export interface CheckOptions {
  /** The pipeline under test: a function, or 'path/to/module.ts#exportName' (CJS, ESM or TypeScript). */
  pipeline: Pipeline | string;
  /**
   * Where the pipeline runs. 'browser': the module is bundled and run in headless Chromium, and each
   * golden image reaches it as a page gets it (see docs/browser.md); the model still runs in Node.
   * Needs `pipeline` as a module path. Default 'node'.
   */
  environment?: 'node' | 'browser';
  /** For a browser check: a browser that is already running (e.g. one per test file), left open afterwards. */
  browser?: RunningBrowser;
  /** model.json of a TF.js LayersModel or GraphModel (detected), or a loaded model. */
  model: string | tf.LayersModel | tf.GraphModel;
  /** Reference file (or its parsed content). */
  reference: string | Reference;
  /** Directory of the golden images. Default: `images/` next to the reference file if it exists, else the reference's directory (or the cwd for an in-memory reference). */
  images?: string;
  /** Layers whose statistics are compared. Default: every layer the reference recorded. */
  layers?: string[];
  tolerance?: Partial<Tolerance>;
  /** What a model input that differs from the Keras input does to the verdict. Default 'warn'. */
  inputParity?: InputParity;
  /** Per-image limit for the pipeline, in ms. Default 30000. */
  timeoutMs?: number;
  /** Check the model's weights hash against the reference (default true). */
  verifyModel?: boolean;
  /** Keep the input tensors for the HTML report (non-enumerable `artifacts` on each image result). Default false. */
  collectArtifacts?: boolean;
  /** Only these golden files (names as in the reference). */
  only?: string[];
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface Timings {
  /** Reading the golden image and computing the Keras-exact input (decode + resize + normalize). */
  kerasMs: number;
  pipelineMs: number;
  inferenceMs: number;
  compareMs: number;
  diagnosisMs: number;
}

/** Kept in memory for the HTML report; never serialized to JSON. */
export interface ImageArtifacts {
  image: Uint8Array;
  shape: number[];
  mode: string;
  referenceInput: Float32Array;
  candidateInput: Float32Array | null;
  /** The mistaken normalization the diagnosis found, to show the pixels the pipeline started from. */
  diagnosedNormalization?: { variant: string; affine: ChannelAffine } | null;
}

export interface ImageResult {
  file: string;
  status: ImageStatus;
  top1: { reference: TopKEntry; candidate: TopKEntry | null; pass: boolean; tie: boolean } | null;
  topK: TopKResult | null;
  layers: Record<string, LayerComparison>;
  /** Candidate vs Keras-exact input, in model-input units. */
  input: InputComparison | null;
  /** The Keras-exact port reproduces the reference's recorded input hash (false: the reference and the port disagree). */
  referenceParity: { match: boolean; detail: string } | null;
  diagnosis: Diagnosis | null;
  /** Why nothing could be compared (status 'error'): the pipeline threw, timed out or returned nothing usable, or the golden file is unreadable. */
  error?: { name: string; message: string; code?: string };
  /**
   * Pipeline faults that did not stop the comparison (`pipeline-tensor-leak`, `pipeline-output-dtype`,
   * `pipeline-slow`): reported beside the verdict, and they turn a pass into a warn.
   */
  notes: Array<{ name: string; message: string; code?: string }>;
  /** Why the status is not 'pass', one sentence each. */
  problems: string[];
  /** The tolerance values that would have let this image pass. */
  minimumPassing: Partial<Tolerance>;
  timings: Timings;
  artifacts?: ImageArtifacts;
}

export interface CheckReport {
  ok: boolean;
  backend: string;
  /** Present when tfjs-node is installed but could not be used, so `backend` is the fallback. */
  backendFallback?: { from: 'tensorflow'; code: string; message: string };
  reference: { file: string | null; producer: Reference['producer']; model: Reference['model']; preprocessing: Reference['preprocessing'] };
  model: { source: string; kind: 'layers' | 'graph' };
  tolerance: Tolerance;
  inputParity: InputParity;
  summary: Record<ImageStatus, number> & { total: number };
  inference: { runs: number; cached: number };
  images: ImageResult[];
}
