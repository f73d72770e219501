import type { PreprocessMode } from './types.js';

/**
 * Which `preprocess_input` each Keras 3 application uses, read from
 * `keras/src/applications/<module>.py` (`def preprocess_input`).
 *
 * `raw` means the module's `preprocess_input` returns its input unchanged because the model
 * rescales inside its own graph (EfficientNet, EfficientNetV2, ConvNeXt, MobileNetV3): feed 0..255.
 */
export const KERAS_APPLICATIONS = {
  vgg16: 'caffe',
  vgg19: 'caffe',
  resnet50: 'caffe',
  resnet101: 'caffe',
  resnet152: 'caffe',
  resnet50v2: 'tf',
  resnet101v2: 'tf',
  resnet152v2: 'tf',
  inception_v3: 'tf',
  inception_resnet_v2: 'tf',
  xception: 'tf',
  mobilenet: 'tf',
  mobilenet_v2: 'tf',
  mobilenet_v3_small: 'raw',
  mobilenet_v3_large: 'raw',
  densenet121: 'torch',
  densenet169: 'torch',
  densenet201: 'torch',
  nasnet_mobile: 'tf',
  nasnet_large: 'tf',
  efficientnet_b0: 'raw',
  efficientnet_b1: 'raw',
  efficientnet_b2: 'raw',
  efficientnet_b3: 'raw',
  efficientnet_b4: 'raw',
  efficientnet_b5: 'raw',
  efficientnet_b6: 'raw',
  efficientnet_b7: 'raw',
  efficientnet_v2_b0: 'raw',
  efficientnet_v2_b1: 'raw',
  efficientnet_v2_b2: 'raw',
  efficientnet_v2_b3: 'raw',
  efficientnet_v2_s: 'raw',
  efficientnet_v2_m: 'raw',
  efficientnet_v2_l: 'raw',
  convnext_tiny: 'raw',
  convnext_small: 'raw',
  convnext_base: 'raw',
  convnext_large: 'raw',
  convnext_xlarge: 'raw',
} as const satisfies Record<string, PreprocessMode>;

/** A Keras 3 application name, e.g. `'vgg16'` or `'efficientnet_b0'`. */
export type KerasApplication = keyof typeof KERAS_APPLICATIONS;

/**
 * The `keras.applications` module that defines each application's `preprocess_input`
 * (e.g. ResNet50/101/152 all live in `keras.applications.resnet`).
 */
export const KERAS_APPLICATION_MODULES: Record<KerasApplication, string> = {
  vgg16: 'vgg16',
  vgg19: 'vgg19',
  resnet50: 'resnet',
  resnet101: 'resnet',
  resnet152: 'resnet',
  resnet50v2: 'resnet_v2',
  resnet101v2: 'resnet_v2',
  resnet152v2: 'resnet_v2',
  inception_v3: 'inception_v3',
  inception_resnet_v2: 'inception_resnet_v2',
  xception: 'xception',
  mobilenet: 'mobilenet',
  mobilenet_v2: 'mobilenet_v2',
  mobilenet_v3_small: 'mobilenet_v3',
  mobilenet_v3_large: 'mobilenet_v3',
  densenet121: 'densenet',
  densenet169: 'densenet',
  densenet201: 'densenet',
  nasnet_mobile: 'nasnet',
  nasnet_large: 'nasnet',
  efficientnet_b0: 'efficientnet',
  efficientnet_b1: 'efficientnet',
  efficientnet_b2: 'efficientnet',
  efficientnet_b3: 'efficientnet',
  efficientnet_b4: 'efficientnet',
  efficientnet_b5: 'efficientnet',
  efficientnet_b6: 'efficientnet',
  efficientnet_b7: 'efficientnet',
  efficientnet_v2_b0: 'efficientnet_v2',
  efficientnet_v2_b1: 'efficientnet_v2',
  efficientnet_v2_b2: 'efficientnet_v2',
  efficientnet_v2_b3: 'efficientnet_v2',
  efficientnet_v2_s: 'efficientnet_v2',
  efficientnet_v2_m: 'efficientnet_v2',
  efficientnet_v2_l: 'efficientnet_v2',
  convnext_tiny: 'convnext',
  convnext_small: 'convnext',
  convnext_base: 'convnext',
  convnext_large: 'convnext',
  convnext_xlarge: 'convnext',
};

/** Every application name, in a stable order. */
export const KERAS_APPLICATION_NAMES = Object.keys(KERAS_APPLICATIONS) as KerasApplication[];

/** The preprocessing mode of a Keras application; throws on an unknown name. */
export function preprocessMode(app: KerasApplication): PreprocessMode {
  if (!Object.prototype.hasOwnProperty.call(KERAS_APPLICATIONS, app)) {
    throw new TypeError(
      `Unknown Keras application "${String(app)}". Known: ${KERAS_APPLICATION_NAMES.join(', ')}`,
    );
  }
  return KERAS_APPLICATIONS[app];
}
