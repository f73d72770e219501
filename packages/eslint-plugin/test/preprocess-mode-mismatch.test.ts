import rule from '../src/rules/preprocess-mode-mismatch.js';
import { PREP, TF, TF_NODE, js, ruleTester, withPreprocessInput } from './support.js';

const VGG = "const vgg = await tf.loadLayersModel('/models/vgg16/model.json');\n";
const INCEPTION = "const inceptionV3 = await tf.loadLayersModel('/models/inception_v3/model.json');\n";
const DENSENET = "const densenet = await tf.loadLayersModel('/models/densenet121/model.json');\n";
const IMG = 'const img = tf.browser.fromPixels(el).toFloat();\n';

/** One wrongMode error whose suggestion rewrites `from` as preprocessInput(input, { mode }). */
function wrongMode(code: string, from: string, input: string, mode: string) {
  return {
    code,
    errors: [
      {
        messageId: 'wrongMode' as const,
        suggestions: [{ messageId: 'usePreprocessInput' as const, output: withPreprocessInput(code, from, `preprocessInput(${input}, { mode: '${mode}' })`) }],
      },
    ],
  };
}

function missing(code: string, argument: string, mode: string) {
  return {
    code,
    errors: [
      {
        messageId: 'missingPreprocessing' as const,
        suggestions: [
          { messageId: 'usePreprocessInput' as const, output: withPreprocessInput(code, `(${argument})`, `(preprocessInput(${argument}, { mode: '${mode}' }))`) },
        ],
      },
    ],
  };
}

ruleTester.run('preprocess-mode-mismatch', rule, {
  valid: [
    `${TF}${INCEPTION}${IMG}inceptionV3.predict(img.div(127.5).sub(1).expandDims());`,
    `${TF}${INCEPTION}${IMG}inceptionV3.predict(img.sub(127.5).div(127.5).expandDims());`,
    `${TF}const xception = await tf.loadLayersModel('/m/xception/model.json');\n${IMG}xception.predict(img.div(255).sub(0.5).mul(2));`,
    // Keras caffe by hand: RGB means, then the flip.
    `${TF}${VGG}${IMG}vgg.predict(img.sub([123.68, 116.779, 103.939]).reverse(-1).expandDims());`,
    // Keras torch by hand.
    `${TF}${DENSENET}${IMG}densenet.predict(img.div(255).sub([0.485, 0.456, 0.406]).div([0.229, 0.224, 0.225]).expandDims());`,
    `${TF}${PREP}${DENSENET}densenet.predict(preprocessInput(tf.browser.fromPixels(el).toFloat(), { model: 'densenet121' }));`,
    // Raw pixels are right for models that normalize inside.
    `${TF}const effnet = await tf.loadLayersModel('/m/efficientnetb3/model.json');\neffnet.predict(tf.browser.fromPixels(el).toFloat().expandDims());`,
    `${TF}import * as mobilenet from '@tensorflow-models/mobilenet';\nconst net = await mobilenet.load();\nawait net.classify(tf.browser.fromPixels(el));`,
    // A parameter of unknown origin: the path from the decoder is not visible.
    `${TF}${VGG}export function classify(input: tf.Tensor4D) { return vgg.predict(input); }`,
    // Unknown model family.
    `${TF}const model = await tf.loadLayersModel('/m/model.json');\nmodel.predict(tf.browser.fromPixels(el).toFloat().div(127.5).sub(1));`,
    // Missing-preprocessing reports can be turned off.
    { code: `${TF}${VGG}vgg.predict(tf.browser.fromPixels(el).expandDims());`, options: [{ reportMissing: false }] },
    // /255 belongs to no-naive-scaling.
    `${TF}${VGG}vgg.predict(tf.browser.fromPixels(el).toFloat().div(255));`,
    // A custom model that takes raw pixels.
    {
      code: `${TF}const model = await tf.loadLayersModel('/m/plant-raw/model.json');\nmodel.predict(tf.browser.fromPixels(el).toFloat().expandDims());`,
      settings: { prepguard: { models: [{ pattern: 'plant-raw', mode: 'raw' }] } },
    },
    // Which value arrives depends on a flag: silent.
    `${TF}${VGG}let x = tf.browser.fromPixels(el).toFloat();\nif (legacy) x = x.div(127.5).sub(1);\nvgg.predict(x);`,
    // Preprocessed by an unknown function.
    `${TF}${VGG}vgg.predict(normalizeSomehow(tf.browser.fromPixels(el)));`,
    js({ code: `import * as tf from '@tensorflow/tfjs';\nconst inceptionV3 = await tf.loadLayersModel('/m/inception_v3/model.json');\ninceptionV3.predict(tf.browser.fromPixels(el).toFloat().div(127.5).sub(1));` }),
  ],
  invalid: [
    // [-1, 1] before VGG.
    wrongMode(`${TF}${VGG}${IMG}vgg.predict(img.div(127.5).sub(1).expandDims());`, 'img.div(127.5).sub(1)', 'img', 'caffe'),
    // The popular but wrong "scale to [-1, 1] then subtract the ImageNet means".
    wrongMode(
      `${TF}${VGG}${IMG}vgg.predict(img.div(127.5).sub(1).sub([123.68, 116.779, 103.939]).reverse(-1));`,
      'img.div(127.5).sub(1).sub([123.68, 116.779, 103.939])',
      'img',
      'caffe',
    ),
    // torch mean/std before a caffe model.
    wrongMode(
      `${TF}const resnet50 = await tf.loadLayersModel('/m/resnet50/model.json');\n${IMG}resnet50.predict(img.div(255).sub([0.485, 0.456, 0.406]).div([0.229, 0.224, 0.225]));`,
      'img.div(255).sub([0.485, 0.456, 0.406]).div([0.229, 0.224, 0.225])',
      'img',
      'caffe',
    ),
    // caffe before a tf-mode model.
    wrongMode(`${TF}${PREP}${INCEPTION}${IMG}inceptionV3.predict(preprocessInput(img, { mode: 'caffe' }));`, "preprocessInput(img, { mode: 'caffe' })", 'img', 'tf'),
    // /255 then the caffe means.
    wrongMode(
      `${TF}${VGG}${IMG}vgg.predict(img.div(255).sub([123.68, 116.779, 103.939]));`,
      'img.div(255).sub([123.68, 116.779, 103.939])',
      'img',
      'caffe',
    ),
    // Half of tf mode: [0, 2].
    wrongMode(`${TF}const xception = await tf.loadLayersModel('/m/xception/model.json');\n${IMG}xception.predict(img.div(127.5));`, 'img.div(127.5)', 'img', 'tf'),
    // [-1, 1] before DenseNet (torch).
    wrongMode(`${TF}${DENSENET}${IMG}densenet.predict(img.div(127.5).sub(1));`, 'img.div(127.5).sub(1)', 'img', 'torch'),
    // tf mode before a custom [0, 1] model: no preprocessInput mode fits, so no suggestion.
    {
      code: `${TF}const model = await tf.loadLayersModel('/m/leaves/model.json');\n${IMG}model.predict(img.div(127.5).sub(1));`,
      settings: { prepguard: { models: [{ pattern: 'leaves', mode: 'unit' }] } },
      errors: [{ messageId: 'wrongMode', suggestions: [] }],
    },
    // Missing preprocessing: decoder -> model, all visible.
    missing(`${TF}${VGG}vgg.predict(tf.browser.fromPixels(el).resizeNearestNeighbor([224, 224]).expandDims());`, 'tf.browser.fromPixels(el).resizeNearestNeighbor([224, 224]).expandDims()', 'caffe'),
    missing(`${TF_NODE}${DENSENET}const x = tf.node.decodeImage(buffer, 3).toFloat().expandDims();\ndensenet.predict(x);`, 'x', 'torch'),
    // Through a local helper that returns decoder output.
    missing(
      `${TF}${INCEPTION}function load(el: HTMLImageElement) {\n  return tf.browser.fromPixels(el).resizeNearestNeighbor([299, 299]).toFloat();\n}\ninceptionV3.predict(load(image).expandDims());`,
      'load(image).expandDims()',
      'tf',
    ),
    // sharp raw pixels, plain JS.
    js({
      code: `import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
const mobilenetV2 = await tf.loadLayersModel('file://models/mobilenet_v2/model.json');
const data = await sharp('in.jpg').resize(224, 224, { fit: 'fill' }).raw().toBuffer();
mobilenetV2.predict(tf.tensor4d(data, [1, 224, 224, 3]));`,
      errors: [
        {
          messageId: 'missingPreprocessing',
          suggestions: [
            {
              messageId: 'usePreprocessInput',
              output: `import * as tf from '@tensorflow/tfjs-node';
import sharp from 'sharp';
import { preprocessInput } from '@prepguard/preprocess';
const mobilenetV2 = await tf.loadLayersModel('file://models/mobilenet_v2/model.json');
const data = await sharp('in.jpg').resize(224, 224, { fit: 'fill' }).raw().toBuffer();
mobilenetV2.predict(preprocessInput(tf.tensor4d(data, [1, 224, 224, 3]), { mode: 'tf' }));`,
            },
          ],
        },
      ],
    }),
    // Normalized input into a custom raw model.
    {
      code: `${TF}const model = await tf.loadLayersModel('/m/plant-raw/model.json');\nmodel.predict(tf.browser.fromPixels(el).toFloat().div(127.5).sub(1));`,
      settings: { prepguard: { models: [{ pattern: 'plant-raw', mode: 'raw' }] } },
      errors: [{ messageId: 'wrongMode', suggestions: [] }],
    },
  ],
});
