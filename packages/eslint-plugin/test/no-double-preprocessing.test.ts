import rule from '../src/rules/no-double-preprocessing.js';
import { PREP, PROJECT_FILE, TF, js, ruleTester } from './support.js';

const VGG = "const vgg = await tf.loadLayersModel('/models/vgg16/model.json');\n";
const IMG = 'const img = tf.browser.fromPixels(el).toFloat();\n';
const HEAD = `${TF}${PREP}`;

/** appliedTwice with a suggestion that removes the earlier step `earlier`, keeping `input`. */
function twice(code: string, earlier: string, input: string) {
  return {
    code,
    errors: [{ messageId: 'appliedTwice' as const, suggestions: [{ messageId: 'removeEarlier' as const, output: code.replace(earlier, input) }] }],
  };
}

function selfNormalizing(code: string, step: string, input: string) {
  return {
    code,
    errors: [{ messageId: 'modelNormalizesItself' as const, suggestions: [{ messageId: 'removeStep' as const, output: code.replace(step, input) }] }],
  };
}

ruleTester.run('no-double-preprocessing', rule, {
  valid: [
    `${HEAD}${VGG}${IMG}vgg.predict(preprocessInput(img, { mode: 'caffe' }));`,
    `${HEAD}${VGG}${IMG}vgg.predict(preprocessInput(img.div(255).mul(255), { mode: 'caffe' }));`,
    `${HEAD}${IMG}const a = preprocessInput(img, { mode: 'tf' });\nconst b = preprocessInput(tf.browser.fromPixels(other).toFloat(), { mode: 'tf' });`,
    // A discarded normalization does not count.
    `${HEAD}${VGG}${IMG}img.div(255);\nvgg.predict(preprocessInput(img, { mode: 'caffe' }));`,
    `${TF}import * as mobilenet from '@tensorflow-models/mobilenet';\nconst net = await mobilenet.load();\nawait net.classify(tf.browser.fromPixels(el));`,
    `${TF}const effnet = await tf.loadLayersModel('/m/efficientnetb0/model.json');\neffnet.predict(tf.browser.fromPixels(el).toFloat().expandDims());`,
    // Unknown model, single preprocessing.
    `${HEAD}const model = await tf.loadLayersModel('/m/model.json');\n${IMG}model.predict(preprocessInput(img, { mode: 'tf' }));`,
    // Which branch runs is unknown: silent.
    `${HEAD}${VGG}${IMG}const x = keras ? preprocessInput(img, { mode: 'caffe' }) : img.div(255);\nvgg.predict(x);`,
    // /255 before EfficientNet is no-naive-scaling's report.
    `${TF}const effnet = await tf.loadLayersModel('/m/efficientnetb0/model.json');\neffnet.predict(tf.browser.fromPixels(el).toFloat().div(255));`,
    `${HEAD}${VGG}${IMG}vgg.predict(preprocessInput(img, { model: 'vgg16' }));`,
    // Different images, each preprocessed once.
    `${HEAD}${VGG}const a = preprocessInput(tf.browser.fromPixels(left).toFloat(), { mode: 'caffe' });\nconst b = preprocessInput(tf.browser.fromPixels(right).toFloat(), { mode: 'caffe' });\nvgg.predict(tf.stack([a, b]));`,
    js({ code: `import * as tf from '@tensorflow/tfjs';\nimport { preprocessInput } from '@prepguard/preprocess';\nconst x = preprocessInput(tf.browser.fromPixels(el).toFloat(), { mode: 'torch' });` }),
  ],
  invalid: [
    twice(
      `${HEAD}${VGG}${IMG}vgg.predict(preprocessInput(preprocessInput(img, { mode: 'caffe' }), { mode: 'caffe' }));`,
      "preprocessInput(preprocessInput(img, { mode: 'caffe' }), { mode: 'caffe' })",
      "preprocessInput(img, { mode: 'caffe' })",
    ),
    twice(`${HEAD}${IMG}const x = preprocessInput(img.div(255), { mode: 'tf' });`, 'img.div(255)', 'img'),
    twice(`${HEAD}${IMG}const x = preprocessInput(img.div(127.5).sub(1), { mode: 'tf' });`, 'img.div(127.5).sub(1)', 'img'),
    (() => {
      const code = `${HEAD}${VGG}${IMG}let t = preprocessInput(img, { mode: 'caffe' });\nt = preprocessInput(t, { mode: 'caffe' });\nvgg.predict(t);`;
      return {
        code,
        errors: [
          {
            messageId: 'appliedTwice' as const,
            line: 6,
            suggestions: [{ messageId: 'removeEarlier' as const, output: code.replace("preprocessInput(img, { mode: 'caffe' })", 'img') }],
          },
        ],
      };
    })(),
    twice(`${HEAD}${VGG}${IMG}vgg.predict(preprocessInput(img.sub([123.68, 116.779, 103.939]), { mode: 'caffe' }));`, 'img.sub([123.68, 116.779, 103.939])', 'img'),
    // An element-wise loop: reported, no rewrite offered.
    {
      code: `${HEAD}const { data } = ctx.getImageData(0, 0, 224, 224);\nconst unit = Float32Array.from(data, (v) => v / 255);\nconst x = preprocessInput(tf.tensor3d(unit, [224, 224, 4]), { mode: 'tf' });`,
      errors: [{ messageId: 'appliedTwice', line: 5 }],
    },
    // Multi-file: the helper already applied preprocessInput.
    {
      code: `${HEAD}import { toCaffe } from './helpers/preprocess.js';\n${VGG}vgg.predict(preprocessInput(toCaffe(tf.browser.fromPixels(el)), { mode: 'caffe' }));`,
      filename: PROJECT_FILE,
      errors: [{ messageId: 'appliedTwice', line: 5 }],
    },
    // Normalizing before models that normalize themselves.
    selfNormalizing(
      `${HEAD}import * as mobilenet from '@tensorflow-models/mobilenet';\nconst net = await mobilenet.load();\n${IMG}await net.classify(preprocessInput(img, { mode: 'tf' }));`,
      "preprocessInput(img, { mode: 'tf' })",
      'img',
    ),
    selfNormalizing(
      `${TF}import * as cocoSsd from '@tensorflow-models/coco-ssd';\nconst detector = await cocoSsd.load();\n${IMG}await detector.detect(img.div(127.5).sub(1));`,
      'img.div(127.5).sub(1)',
      'img',
    ),
    selfNormalizing(
      `${TF}const effnet = await tf.loadLayersModel('/m/efficientnet_b4/model.json');\n${IMG}effnet.predict(img.div(127.5).sub(1).expandDims());`,
      'img.div(127.5).sub(1)',
      'img',
    ),
    selfNormalizing(
      `${HEAD}const mobilenetV3 = await tf.loadLayersModel('/m/mobilenet_v3_large/model.json');\n${IMG}mobilenetV3.predict(preprocessInput(img, { mode: 'tf' }));`,
      "preprocessInput(img, { mode: 'tf' })",
      'img',
    ),
    js({
      code: `import * as tf from '@tensorflow/tfjs';\nimport { preprocessInput } from '@prepguard/preprocess';\nconst convnext = await tf.loadLayersModel('/m/convnext_tiny/model.json');\nconvnext.predict(preprocessInput(tf.browser.fromPixels(el).toFloat(), { mode: 'torch' }));`,
      errors: [
        {
          messageId: 'modelNormalizesItself',
          suggestions: [
            {
              messageId: 'removeStep',
              output: `import * as tf from '@tensorflow/tfjs';\nimport { preprocessInput } from '@prepguard/preprocess';\nconst convnext = await tf.loadLayersModel('/m/convnext_tiny/model.json');\nconvnext.predict(tf.browser.fromPixels(el).toFloat());`,
            },
          ],
        },
      ],
    }),
  ],
});
