// What a Python name refers to in Keras/TensorFlow, OpenCV and Pillow, independent of how it was imported:
// `tf.keras.applications.vgg16.preprocess_input`, `keras.applications.VGG16` and `keras.src.utils.load_img`
// all reduce to one canonical dotted name. Which preprocessing a family expects comes from the engine's
// model-family table (model-families.ts), not from a second table here.
import type { ModelInfo } from '../engine/domain.js';
import { recognizeFromIdentifier } from '../engine/model-families.js';

/** Spellings of the Keras package inside TensorFlow and across Keras versions. */
const KERAS_PREFIXES: [RegExp, string][] = [
  [/^tensorflow\.python\.keras\./, 'keras.'],
  [/^tensorflow\.keras\./, 'keras.'],
  [/^tf\.keras\./, 'keras.'],
  [/^tf_keras\./, 'keras.'],
  [/^keras\.src\./, 'keras.'],
  [/^keras\.api\._v2\.keras\./, 'keras.'],
  [/^tensorflow\./, 'tf.'],
];

export function canonicalName(dotted: string): string {
  for (const [pattern, replacement] of KERAS_PREFIXES) {
    if (pattern.test(dotted)) return dotted.replace(pattern, replacement);
  }
  return dotted;
}

/**
 * Application modules (`keras.applications.<module>`) by the identifier the family table knows them by.
 * Plain `mobilenet` is MobileNet v1 in Keras, which the family table only recognizes with its version.
 */
const APPLICATION_MODULES: Record<string, string> = {
  vgg16: 'VGG16',
  vgg19: 'VGG19',
  resnet: 'ResNet50',
  resnet50: 'ResNet50',
  resnet_v2: 'ResNet50V2',
  resnet_rs: 'EfficientNet', // ResNet-RS rescales inside the model, like EfficientNet
  inception_v3: 'InceptionV3',
  inception_resnet_v2: 'InceptionResNetV2',
  xception: 'Xception',
  mobilenet: 'MobileNetV1',
  mobilenet_v2: 'MobileNetV2',
  mobilenet_v3: 'MobileNetV3',
  densenet: 'DenseNet',
  nasnet: 'NASNet',
  efficientnet: 'EfficientNet',
  efficientnet_v2: 'EfficientNet',
  convnext: 'ConvNeXt',
  regnet: 'RegNetX002',
};

/**
 * Constructor names the family table reads differently: plain `MobileNet` is v1 in Keras, and the table
 * splits camelCase words, which would cut `ConvNeXt` into `Conv_Ne_Xt`.
 */
function familyIdentifier(constructor: string): string {
  if (constructor === 'MobileNet') return 'MobileNetV1';
  return constructor.replace(/^ConvNeXt/, 'Convnext');
}

function familyInfo(identifier: string, displayName: string): ModelInfo | undefined {
  const recognition = recognizeFromIdentifier(identifier);
  return recognition?.kind === 'family' ? { ...recognition.info, name: displayName } : undefined;
}

/** `keras.applications.vgg16` → VGG16's expectation. */
export function applicationModuleInfo(module: string): ModelInfo | undefined {
  const identifier = APPLICATION_MODULES[module];
  return identifier ? familyInfo(identifier, identifier) : undefined;
}

const APPLICATION = /^keras\.applications\.(?:([a-z0-9_]+)\.)?([A-Za-z0-9_]+)$/;

export type KerasApplicationName =
  | { kind: 'constructor'; info: ModelInfo }
  | { kind: 'preprocessInput'; info: ModelInfo; module: string }
  | { kind: 'imagenetUtils' }
  | { kind: 'module'; module: string };

/** Classifies a canonical name under `keras.applications`. */
export function kerasApplicationName(name: string): KerasApplicationName | undefined {
  const match = APPLICATION.exec(name);
  if (!match) return undefined;
  const [, module, member] = match as unknown as [string, string | undefined, string];
  if (member === 'preprocess_input') {
    if (module === 'imagenet_utils') return { kind: 'imagenetUtils' };
    const info = module ? applicationModuleInfo(module) : undefined;
    return info && module ? { kind: 'preprocessInput', info, module } : undefined;
  }
  if (!module && APPLICATION_MODULES[member]) return { kind: 'module', module: member };
  if (/^[A-Z]/.test(member)) {
    const info = familyInfo(familyIdentifier(member), member);
    return info ? { kind: 'constructor', info } : undefined;
  }
  return undefined;
}

/** Canonical names of the image helpers the analysis understands. */
export const LOAD_IMG = new Set(['keras.preprocessing.image.load_img', 'keras.utils.load_img', 'keras.utils.image_utils.load_img']);
export const IMG_TO_ARRAY = new Set([
  'keras.preprocessing.image.img_to_array',
  'keras.utils.img_to_array',
  'keras.utils.image_utils.img_to_array',
]);
export const IMAGE_DATA_GENERATOR = new Set(['keras.preprocessing.image.ImageDataGenerator', 'keras.legacy.preprocessing.image.ImageDataGenerator']);
export const DATASET_FROM_DIRECTORY = new Set([
  'keras.utils.image_dataset_from_directory',
  'keras.preprocessing.image_dataset_from_directory',
  'keras.utils.image_dataset_from_directory',
]);
export const RESCALING = new Set([
  'keras.layers.Rescaling',
  'keras.layers.experimental.preprocessing.Rescaling',
  'keras.layers.preprocessing.image_preprocessing.Rescaling',
]);
export const SEQUENTIAL = new Set(['keras.Sequential', 'keras.models.Sequential']);
export const FUNCTIONAL_MODEL = new Set(['keras.Model', 'keras.models.Model', 'keras.engine.Model', 'keras.engine.training.Model']);
export const KERAS_INPUT = new Set(['keras.Input', 'keras.layers.Input']);
export const LOAD_MODEL = new Set(['keras.models.load_model', 'keras.saving.load_model']);
export const TFJS_SAVE = new Set(['tensorflowjs.converters.save_keras_model', 'tfjs.converters.save_keras_model']);
