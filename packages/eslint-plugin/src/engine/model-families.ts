// Which preprocessing a model expects, recognized from its URL/path, its variable name, user settings or JSDoc.
// Facts from keras/src/applications/*.py `preprocess_input` (see docs/rules/*.md for the table).
import type { ModelInfo, PreprocessMode } from './domain.js';

interface Family {
  name: string;
  pattern: RegExp;
  mode: PreprocessMode;
  normalizesInside?: boolean;
}

// Order matters: the first match wins (v2/v3 variants before their v1 names).
const FAMILIES: Family[] = [
  { name: 'MobileNetV3', pattern: /mobile[-_ ]?net[-_ ]?v?3/i, mode: 'raw', normalizesInside: true },
  { name: 'EfficientNet', pattern: /efficient[-_ ]?net|eff[-_ ]?net/i, mode: 'raw', normalizesInside: true },
  { name: 'ConvNeXt', pattern: /conv[-_ ]?next/i, mode: 'raw', normalizesInside: true },
  { name: 'RegNet', pattern: /reg[-_ ]?net[-_ ]?[xy]?\d/i, mode: 'raw', normalizesInside: true },
  { name: 'ResNetV2', pattern: /res[-_ ]?net[-_ ]?(50|101|152)?[-_ ]?v2/i, mode: 'tf' },
  { name: 'InceptionResNetV2', pattern: /inception[-_ ]?res[-_ ]?net/i, mode: 'tf' },
  { name: 'InceptionV3', pattern: /inception/i, mode: 'tf' },
  { name: 'Xception', pattern: /xception/i, mode: 'tf' },
  { name: 'NASNet', pattern: /nas[-_ ]?net/i, mode: 'tf' },
  { name: 'MobileNetV2', pattern: /mobile[-_ ]?net[-_ ]?v?2/i, mode: 'tf' },
  { name: 'MobileNet', pattern: /mobile[-_ ]?net[-_ ]?v?1/i, mode: 'tf' },
  { name: 'DenseNet', pattern: /dense[-_ ]?net/i, mode: 'torch' },
  { name: 'VGG19', pattern: /vgg[-_ ]?19/i, mode: 'caffe' },
  { name: 'VGG16', pattern: /vgg/i, mode: 'caffe' },
  { name: 'ResNet50', pattern: /res[-_ ]?net[-_ ]?(50|101|152)/i, mode: 'caffe' },
];

/**
 * Names that look like Keras families but are not Keras applications: tfjs-models (PoseNet/BodyPix have a
 * "ResNet50" backbone with their own preprocessing), detectors, and hosted model zoos with other contracts
 * (TF Hub image models take [0, 1]). The tfjs-models are the `@tensorflow-models/*` packages and Google's
 * `storage.googleapis.com/tfjs-models/` bucket (but see its `tfjs/` folder below); a project folder that happens to be called `tfjs-models/`
 * is neither (it usually holds the project's own converted Keras models).
 */
const NOT_KERAS_NAMES =
  /pose[-_ ]?net|body[-_ ]?pix|move[-_ ]?net|blaze|face[-_ ]?mesh|hand[-_ ]?pose|coco[-_ ]?ssd|\bssd|ssd[-_]|yolo|r[-_ ]?cnn|retina[-_ ]?net|deeplab/i;
// The bucket's `tfjs/` folder holds Keras applications converted by the TF.js team (`tfjs/mobilenet_v1_0.25_224`):
// those are Keras models, named by their folder like any other.
const HOSTED_ELSEWHERE = /tfhub\.dev|kaggle\.com|googleapis\.com\/tfjs-models\/(?!tfjs\/)|@tensorflow-models/i;
const NOT_KERAS = new RegExp(`${NOT_KERAS_NAMES.source}|${HOSTED_ELSEWHERE.source}`, 'i');

/**
 * TF Hub / Kaggle image classifiers and feature vectors follow TF Hub's common image signature: RGB floats in
 * [0, 1] (https://www.tensorflow.org/hub/common_signatures/images). Detectors and other tasks are excluded above.
 */
const HUB_IMAGE_MODEL = /(tfhub\.dev|kaggle\.com\/models)\/.*(imagenet|classification|feature[-_]vector)/i;
const HUB_IMAGE_INFO: ModelInfo = { mode: 'unit', name: 'TF Hub image model', normalizesInside: false, keras: false };

/** Plain MobileNet without a version in an identifier is usually the tfjs-models wrapper: too ambiguous. */
const FAMILY_REQUIRES_VERSION = /^mobile[-_ ]?net$/i;

export interface UserModelSetting {
  pattern: string;
  mode: PreprocessMode;
  /** Where the model was trained, e.g. `train/train.py:42`; named in messages instead of the pattern. */
  source?: string;
}

export type Recognition = { kind: 'family'; info: ModelInfo } | { kind: 'notKeras' } | undefined;

function infoFor(family: Family): ModelInfo {
  return { mode: family.mode, name: family.name, normalizesInside: family.normalizesInside ?? false, keras: true };
}

export function recognizeFromSettings(text: string, settings: readonly UserModelSetting[]): ModelInfo | undefined {
  for (const setting of settings) {
    let regex: RegExp;
    try {
      regex = new RegExp(setting.pattern, 'i');
    } catch {
      continue; // an invalid user pattern is reported by the settings validator, not here
    }
    if (regex.test(text)) {
      const name = setting.source ? `the model trained in ${setting.source}` : `model matching /${setting.pattern}/`;
      return { mode: setting.mode, name, normalizesInside: false, keras: true };
    }
  }
  return undefined;
}

/** A model URL or file path. */
export function recognizeFromLocation(location: string): Recognition {
  if (NOT_KERAS_NAMES.test(location)) return { kind: 'notKeras' };
  if (HUB_IMAGE_MODEL.test(location)) return { kind: 'family', info: HUB_IMAGE_INFO };
  if (HOSTED_ELSEWHERE.test(location)) return { kind: 'notKeras' };
  // Only the last few path segments name the model; a host or project folder ("vgg-demo/") is weak evidence.
  const tail = location.split(/[\\/]/).slice(-3).join('/');
  const family = FAMILIES.find((f) => f.pattern.test(tail));
  if (family) return { kind: 'family', info: infoFor(family) };
  // A converted Keras MobileNet without a version in its path: v1 and v2 share 'tf' mode (v3 always says "v3").
  // (Identifiers need the version: a bare `mobilenet` variable is usually the tfjs-models wrapper.)
  if (UNVERSIONED_MOBILENET.test(tail)) return { kind: 'family', info: { mode: 'tf', name: 'MobileNet', normalizesInside: false, keras: true } };
  return undefined;
}

const UNVERSIONED_MOBILENET = /mobile[-_ ]?net/i;

/** A variable/property name such as `vgg16`, `vggModel`, `effnet`, `this.resnet50`. */
export function recognizeFromIdentifier(name: string): Recognition {
  if (NOT_KERAS.test(name)) return { kind: 'notKeras' };
  if (FAMILY_REQUIRES_VERSION.test(name.replace(/model$/i, ''))) return undefined;
  // Words must start the identifier or a camelCase/snake_case word: `convgg` is not VGG.
  const words = name.replace(/([a-z])([A-Z])/g, '$1_$2');
  const family = FAMILIES.find((f) => f.pattern.test(words));
  if (!family) return undefined;
  const match = family.pattern.exec(words);
  if (match && match.index > 0 && /[a-z0-9]/i.test(words[match.index - 1] ?? '')) return undefined;
  return { kind: 'family', info: infoFor(family) };
}

const MODES = new Set(['caffe', 'tf', 'torch', 'raw', 'unit']);

/** `/** @preprocess caffe *\/` */
export function recognizeFromJsDoc(commentText: string): ModelInfo | undefined {
  const match = /@preprocess\s+([a-z]+)/.exec(commentText);
  if (!match || !MODES.has(match[1] as string)) return undefined;
  return { mode: match[1] as PreprocessMode, name: `model tagged @preprocess ${match[1]}`, normalizesInside: false, keras: true };
}

export function tfjsModelsInfo(packageName: string): ModelInfo {
  return { mode: 'raw', name: packageName, normalizesInside: true, keras: false };
}

export function describeExpectation(info: ModelInfo): string {
  if (info.normalizesInside) return 'raw 0–255 pixels (it normalizes its input itself)';
  switch (info.mode) {
    case 'caffe':
      return "Keras 'caffe' preprocessing (RGB→BGR, minus the ImageNet means, no scaling)";
    case 'tf':
      return "Keras 'tf' preprocessing (scaled to [-1, 1])";
    case 'torch':
      return "Keras 'torch' preprocessing (/255, then ImageNet mean/std)";
    case 'unit':
      return 'pixels scaled to [0, 1]';
    case 'raw':
      return 'raw 0–255 pixels';
  }
}
