// The strongest evidence about a model is the model itself: a TF.js `model.json` kept in the repository next
// to the code that loads it. Its topology says which Keras application it wraps (a nested `vgg16` functional,
// graph node names such as `model/xception/block1_conv1`) and whether it scales its own input (a Rescaling or
// Normalization layer: then a `/255` outside is a second normalization).
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ModelInfo } from './domain.js';
import { recognizeFromIdentifier } from './model-families.js';
import { projectFiles, projectRoot } from './project-files.js';

/** What a model.json says about the model's input contract. */
export interface ModelJsonEvidence {
  file: string;
  /** A Keras application named inside the topology. */
  family?: ModelInfo;
  /** A Rescaling/Normalization layer (or graph ops of one) sits between the input and the first convolution. */
  normalizesInside: boolean;
  /** Written by the Keras converter (layers format with keras_version, or Keras layer names in a graph). */
  keras: boolean;
  /**
   * A Lambda or custom layer transforms the input before the first convolution (`Lambda(preprocess_input)`, a
   * registered `Preprocess` layer): what the model expects from outside is its own affair, not the family's.
   */
  customInput: boolean;
  /** The recognized application is nested inside a larger model (a new head trained on top of a backbone). */
  nestedBackbone?: boolean;
}

const MAX_MODEL_JSON_BYTES = 24 * 1024 * 1024;
const NORMALIZING_LAYERS = /^(Rescaling|Normalization)$/;
/** Layers that compute features: the input contract is settled before the first of them. */
const FEATURE_LAYERS = /^(Conv[123]D|DepthwiseConv2D|SeparableConv[12]D|Dense|Functional|Model|Sequential)$/;
/** Layers that only move or crop pixels (or augment during training), leaving their range alone. */
const SHAPE_LAYERS = /^(InputLayer|ZeroPadding2D|Cropping2D|Reshape|Permute|Resizing|CenterCrop|Random\w+|Dropout|GaussianNoise)$/;
const NORMALIZING_NODE = /(^|\/)(rescaling|normalization)(_\d+)?\//i;

function segmentsOf(location: string): string[] {
  const withoutQuery = location.replace(/[?#].*$/, '');
  const withoutScheme = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/(\/)?/i, '');
  return withoutScheme.split(/[\\/]+/).filter((s) => s && s !== '.');
}

/**
 * The model.json a load URL/path names, found in the project: the file whose trailing path segments match the
 * URL's (at least the file name and its folder: `…/vgg16_tfjs/model.json`). Web apps serve `public/` or
 * `static/` at the site root and build them to `build/`, so the folders above the match do not have to agree.
 */
export function findModelJson(location: string, fromFile: string): string | undefined {
  const wanted = segmentsOf(location);
  if (wanted.length < 2 || !/\.json$/i.test(wanted[wanted.length - 1] as string)) return undefined;
  return bestSuffixMatch(wanted, projectFiles(projectRoot(fromFile)).modelJson);
}

/**
 * The model info of a Teachable Machine export whose model.json is not in the project but whose metadata.json
 * is, beside where the URL points (`model/model.json` -> `model/metadata.json`).
 */
export function findBesideModel(location: string, fromFile: string): ModelInfo | undefined {
  const wanted = segmentsOf(location);
  if (wanted.length < 2 || !/\.json$/i.test(wanted[wanted.length - 1] as string)) return undefined;
  const metadata = bestSuffixMatch([...wanted.slice(0, -1), 'metadata.json'], projectFiles(projectRoot(fromFile)).metadata);
  return metadata && teachableMachine(path.join(path.dirname(metadata), 'model.json')) ? TEACHABLE_MACHINE : undefined;
}

/**
 * The model of a project whose only model export is a Teachable Machine one: when the code's load URL comes from
 * somewhere the engine cannot read (a config module left out, a React prop), a reader still knows which model it
 * is, because the project holds no other. Only Teachable Machine exports qualify: their metadata.json says what
 * the model expects, while a lone bare model.json says nothing about its input.
 */
export function soleTeachableMachineExport(fromFile: string): ModelInfo | undefined {
  const files = projectFiles(projectRoot(fromFile));
  const exportDirs = new Set([...files.modelJson, ...files.metadata].map((f) => path.dirname(f)));
  if (exportDirs.size !== 1) return undefined;
  const [dir] = [...exportDirs] as [string];
  return teachableMachine(path.join(dir, 'model.json')) ? TEACHABLE_MACHINE : undefined;
}

function bestSuffixMatch(wanted: readonly string[], files: readonly string[]): string | undefined {
  let best: { file: string; matched: number } | undefined;
  for (const file of files) {
    const have = file.split(path.sep);
    let matched = 0;
    while (matched < wanted.length && matched < have.length && wanted[wanted.length - 1 - matched] === have[have.length - 1 - matched]) matched++;
    if (matched >= 2 && (!best || matched > best.matched)) best = { file, matched };
  }
  return best?.file;
}

const evidenceCache = new Map<string, { mtimeMs: number; evidence: ModelJsonEvidence | undefined }>();

/** Reads a model.json (layers or graph format); undefined when it is not one. */
export function readModelJson(file: string): ModelJsonEvidence | undefined {
  let mtimeMs: number;
  try {
    const stat = statSync(file);
    if (stat.size > MAX_MODEL_JSON_BYTES) return undefined;
    mtimeMs = stat.mtimeMs;
  } catch {
    return undefined;
  }
  const cached = evidenceCache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.evidence;
  let evidence: ModelJsonEvidence | undefined;
  try {
    evidence = evidenceOf(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, file);
  } catch {
    evidence = undefined; // not JSON: not evidence
  }
  evidenceCache.set(file, { mtimeMs, evidence });
  return evidence;
}

interface KerasLayer {
  class_name?: string;
  name?: string;
  config?: { name?: string; layers?: KerasLayer[] };
}

function evidenceOf(json: Record<string, unknown>, file: string): ModelJsonEvidence | undefined {
  const topology = json.modelTopology as Record<string, unknown> | undefined;
  if (!topology || typeof topology !== 'object') return undefined;
  // Layers format: model_config (tfjs ≥ 1) or config (older converters).
  const config = (topology.model_config ?? (topology.class_name ? topology : undefined)) as KerasLayer | undefined;
  if (config?.config) {
    const names: string[] = [];
    let normalizesInside = false;
    const visit = (layer: KerasLayer, depth: number) => {
      const name = layer.config?.name ?? layer.name;
      if (name) names.push(name);
      if (layer.class_name && NORMALIZING_LAYERS.test(layer.class_name) && depth <= 1) normalizesInside = true;
      for (const child of layer.config?.layers ?? []) visit(child, depth + 1);
    };
    visit(config, 0);
    // The top-level layers ahead of the first one that computes features.
    let customInput = false;
    for (const layer of config.config.layers ?? []) {
      const kind = layer.class_name ?? '';
      if (FEATURE_LAYERS.test(kind)) break;
      if (!SHAPE_LAYERS.test(kind) && !NORMALIZING_LAYERS.test(kind)) customInput = true;
    }
    const nestedBackbone = (config.config.layers ?? []).some((layer) => /^(Functional|Model|Sequential)$/.test(layer.class_name ?? ''));
    return { file, family: familyOf(names), normalizesInside, keras: true, customInput, nestedBackbone };
  }
  // Graph format: node names keep the Keras layer path (`StatefulPartitionedCall/model/xception/block1_conv1/…`).
  const nodes = topology.node as { name?: string }[] | undefined;
  if (!Array.isArray(nodes)) return undefined;
  const scopes = new Set<string>();
  let normalizesInside = false;
  for (const node of nodes) {
    if (typeof node.name !== 'string') continue;
    if (NORMALIZING_NODE.test(node.name)) normalizesInside = true;
    const parts = node.name.split('/');
    for (const part of parts.slice(0, 4)) scopes.add(part);
  }
  const family = familyOf([...scopes]);
  return { file, family, normalizesInside, keras: family !== undefined || normalizesInside, customInput: false };
}

/**
 * Layer names that only one Keras application uses (keras/src/applications/*.py), for models saved under a
 * generic name (`model_4`) after fine-tuning. Checked in order; all names of an entry must be present.
 */
const LAYER_FINGERPRINTS: { family: string; layers: string[] }[] = [
  { family: 'vgg19', layers: ['block1_conv1', 'block5_conv4'] },
  { family: 'vgg16', layers: ['block1_conv1', 'block5_conv3'] },
  { family: 'resnet50v2', layers: ['conv2_block1_preact_bn', 'post_bn'] },
  { family: 'resnet50', layers: ['conv1_conv', 'conv2_block1_1_conv', 'conv5_block3_out'] },
  { family: 'mobilenetv2', layers: ['Conv1', 'expanded_conv_project', 'block_1_expand'] },
  { family: 'mobilenetv1', layers: ['conv_dw_1', 'conv_pw_1'] },
  { family: 'xception', layers: ['block1_conv1', 'block14_sepconv2'] },
  { family: 'inceptionv3', layers: ['mixed0', 'mixed10'] },
  { family: 'densenet', layers: ['conv1/conv', 'pool2_conv'] },
  { family: 'efficientnet', layers: ['stem_conv', 'block1a_dwconv'] },
];

/** A Keras application named by a (nested) model (`vgg16`, `resnet50`, `mobilenetv2_1.00_224`) or by its layers. */
function familyOf(names: readonly string[]): ModelInfo | undefined {
  for (const name of names) {
    const recognized = recognizeFromIdentifier(name);
    if (recognized?.kind === 'family') return recognized.info;
  }
  const present = new Set(names);
  for (const { family, layers } of LAYER_FINGERPRINTS) {
    if (!layers.every((l) => present.has(l))) continue;
    const recognized = recognizeFromIdentifier(family);
    if (recognized?.kind === 'family') return recognized.info;
  }
  return undefined;
}

/**
 * A Teachable Machine export: `metadata.json` next to `model.json` names the `@teachablemachine/image` package.
 * Its models are MobileNets trained on pixels scaled to [-1, 1] (the package scales before predicting), so code
 * that calls `model.predict` itself owes them 'tf' mode.
 */
function teachableMachine(modelJsonFile: string): boolean {
  try {
    const metadata = JSON.parse(readFileSync(path.join(path.dirname(modelJsonFile), 'metadata.json'), 'utf8')) as { packageName?: unknown };
    return typeof metadata.packageName === 'string' && metadata.packageName.startsWith('@teachablemachine/image');
  } catch {
    return false; // no metadata file, or not JSON
  }
}

const TEACHABLE_MACHINE: ModelInfo = { mode: 'tf', name: 'Teachable Machine image model', normalizesInside: false, keras: true };

/** Training in Python: `model.fit(...)` (also `fit_generator`). */
const TRAINING_FIT = /\.fit(_generator)?\s*\(/;
/** Keras application preprocessing: the family's own convention. */
const TRAINING_PREPROCESS = /\bpreprocess_input\b/;
/** `ImageDataGenerator(rescale=1./255)`, `img / 255.0`: the model learnt [0, 1]. */
const TRAINING_RESCALE = /\brescale\s*=\s*1(\.0*)?\s*\/\s*255(\.0*)?\b|\/\s*255(\.0*)?\b/;
const MAX_SCRIPT_BYTES = 4 * 1024 * 1024;

/** How the project's own training code (Python scripts, notebooks) prepared the images. */
export type TrainingCode = { kind: 'keras' | 'unit' | 'unseen'; file: string };

/**
 * A model trained in the project is judged by its training code, not by its family's ImageNet convention:
 * `preprocess_input` keeps the family's mode, a `/255` or `rescale=1./255` means [0, 1], and training code that
 * shows neither leaves the contract unknown (the engine then stays silent rather than guess).
 */
export function trainingCode(modelJsonFile: string): TrainingCode | undefined {
  const { python, notebooks } = projectFiles(projectRoot(modelJsonFile));
  const texts: { file: string; text: string }[] = [];
  for (const file of [...python, ...notebooks]) {
    try {
      if (statSync(file).size <= MAX_SCRIPT_BYTES) texts.push({ file, text: readFileSync(file, 'utf8') });
    } catch {
      // unreadable: no evidence
    }
  }
  const fitting = texts.find((t) => TRAINING_FIT.test(t.text));
  if (!fitting) return undefined;
  const keras = texts.find((t) => TRAINING_PREPROCESS.test(t.text));
  if (keras) return { kind: 'keras', file: keras.file };
  const unit = texts.find((t) => TRAINING_RESCALE.test(t.text));
  if (unit) return { kind: 'unit', file: unit.file };
  return { kind: 'unseen', file: fitting.file };
}

/** The model info a model.json gives, or undefined when it says nothing certain about the input contract. */
export function modelJsonInfo(evidence: ModelJsonEvidence): ModelInfo | undefined {
  if (evidence.customInput && !evidence.normalizesInside) return undefined;
  if (evidence.normalizesInside) {
    const name = evidence.family?.name ?? 'the model';
    return { mode: 'raw', name: `${name} (its model.json has a Rescaling/Normalization layer)`, normalizesInside: true, keras: evidence.keras };
  }
  if (teachableMachine(evidence.file)) return TEACHABLE_MACHINE;
  const training = evidence.keras ? trainingCode(evidence.file) : undefined;
  if (training?.kind === 'unit') {
    return { mode: 'unit', name: `the model trained by ${path.basename(training.file)} (images scaled by 1/255)`, normalizesInside: false, keras: true };
  }
  if (training?.kind === 'unseen') return undefined;
  // A new model built on a recognized backbone, with no training code in the project: the backbone says how to
  // scale the pixels, but nothing shows that the model was trained on `load_img` output, so how its training
  // images were resized and decoded (crop, ICC, EXIF) is unknown.
  if (evidence.family && evidence.nestedBackbone && !training) return { ...evidence.family, keras: false };
  return evidence.family;
}

/** True when the model.json (or the training code next to it) leaves what the model expects from outside open. */
export function contractUnknown(evidence: ModelJsonEvidence): boolean {
  if (evidence.normalizesInside) return false;
  return evidence.customInput || (evidence.keras && trainingCode(evidence.file)?.kind === 'unseen');
}
