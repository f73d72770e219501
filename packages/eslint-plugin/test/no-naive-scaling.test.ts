import rule from '../src/rules/no-naive-scaling.js';
import { PREP, PROJECT_FILE, TF, TF_NODE, js, ruleTester, withPreprocessInput } from './support.js';

const VGG = "const model = await tf.loadLayersModel('https://models.example.com/keras/vgg16/model.json');\n";
const caffe = (code: string, from: string) => [
  { messageId: 'usePreprocessInput' as const, output: withPreprocessInput(code, from, `preprocessInput(${from.replace(/\.(div|mul)\(.*\)$/, '')}, { mode: 'caffe' })`) },
];

// The three scenarios of the classic Keras VGG `preprocess_input` article, written for TF.js.
const articleNaive = `${TF}${VGG}const image = tf.browser.fromPixels(document.querySelector('img')).resizeNearestNeighbor([224, 224]);
const batch = image.toFloat().div(255).expandDims(0);
const scores = model.predict(batch);
`;
const articleCorrect = `${TF}${PREP}${VGG}const image = tf.browser.fromPixels(document.querySelector('img')).resizeNearestNeighbor([224, 224]);
const batch = preprocessInput(image.toFloat(), { mode: 'caffe' }).expandDims(0);
const scores = model.predict(batch);
`;
const articleFeatures = `${TF_NODE}const convBase = await tf.loadLayersModel('file://./models/vgg16_notop/model.json');
export async function extractFeatures(buffers: Buffer[]) {
  const images = buffers.map((b) => tf.node.decodeImage(b, 3).resizeNearestNeighbor([150, 150]).toFloat());
  const batch = tf.stack(images).div(255);
  return convBase.predict(batch);
}
`;

const loopCode = `${TF_NODE}import sharp from 'sharp';
const resnet50 = await tf.loadLayersModel('file://models/resnet50/model.json');
const pixels = await sharp('cat.jpg').resize(224, 224, { fit: 'fill' }).raw().toBuffer();
const input = new Float32Array(pixels.length);
for (let i = 0; i < pixels.length; i++) {
  input[i] = pixels[i] / 255;
}
resnet50.predict(tf.tensor4d(input, [1, 224, 224, 3]));
`;

ruleTester.run('no-naive-scaling', rule, {
  valid: [
    articleCorrect,
    // Unknown model family: stay silent.
    `${TF}const model = await tf.loadLayersModel('/models/classifier/model.json');
model.predict(tf.browser.fromPixels(img).div(255));`,
    // A custom model trained with Rescaling(1/255), declared in settings.
    {
      code: `${TF}const model = await tf.loadLayersModel('/models/catdog/model.json');
model.predict(tf.browser.fromPixels(img).div(255));`,
      settings: { prepguard: { models: [{ pattern: 'catdog', mode: 'unit' }] } },
    },
    // ... or with a JSDoc tag.
    `${TF}/** @preprocess unit */
const vgg16 = await tf.loadLayersModel(url);
vgg16.predict(tf.browser.fromPixels(img).div(255));`,
    // A discarded x.div(255) scales nothing (tensors are immutable); the real input is preprocessed.
    `${TF}${PREP}${VGG}const x = tf.browser.fromPixels(img).toFloat();
x.div(255);
model.predict(preprocessInput(x, { mode: 'caffe' }));`,
    // PoseNet's "ResNet50" is not Keras ResNet50.
    `${TF}const net = await tf.loadGraphModel('https://storage.googleapis.com/tfjs-models/savedmodel/posenet/resnet50/float/model-stride16.json');
net.predict(tf.browser.fromPixels(video).div(255));`,
    // TF Hub image models take [0, 1].
    `${TF}const mobilenetV2 = await tf.loadGraphModel('https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_100_224/classification/3/default/1', { fromTFHub: true });
mobilenetV2.predict(tf.browser.fromPixels(img).div(255).expandDims());`,
    // Scaling only for display.
    `${TF}${PREP}${VGG}const img = tf.browser.fromPixels(el).toFloat();
await tf.browser.toPixels(img.div(255), canvas);
model.predict(preprocessInput(img, { mode: 'caffe' }).expandDims());`,
    // Plain arithmetic on numbers, no model.
    `const alpha = opacity / 255; const gray = (r + g + b) / 3 / 255;`,
    // Conditionally scaled: the engine does not know which value arrives, so it stays silent.
    `${TF}${VGG}let t = tf.browser.fromPixels(img).toFloat();
if (useUnit) t = t.div(255);
model.predict(t);`,
    // Scaled and unscaled again before Keras preprocessing.
    `${TF}${PREP}${VGG}const t = tf.browser.fromPixels(img).toFloat().div(255);
model.predict(preprocessInput(t.mul(255), { mode: 'caffe' }));`,
    // EfficientNet takes raw pixels.
    `${TF}const effnet = await tf.loadLayersModel('/models/efficientnet_b0/model.json');
effnet.predict(tf.browser.fromPixels(img).toFloat().expandDims());`,
    // tfjs-models MobileNet takes raw pixels.
    `${TF}import * as mobilenet from '@tensorflow-models/mobilenet';
const net = await mobilenet.load();
await net.classify(tf.browser.fromPixels(img));`,
    // Wrong preprocessing, but not a /255: other rules report it.
    `${TF}${VGG}model.predict(tf.browser.fromPixels(img).toFloat().div(127.5).sub(1));`,
    // Dividing by 256 is not the classic mistake this rule is about.
    `${TF}${VGG}model.predict(tf.browser.fromPixels(img).toFloat().div(256));`,
    // Ambiguous name: "mobilenet" alone is usually the tfjs-models wrapper, and the URL says nothing.
    `${TF}const mobilenet = await tf.loadLayersModel(modelUrl);
mobilenet.predict(tf.browser.fromPixels(img).div(255));`,
    // A histogram loop over pixels, never reaching a model.
    `const hist = new Float32Array(256);
for (let i = 0; i < data.length; i++) hist[data[i]] += 1 / 255;`,
    // The unit model is also matched by identifier through settings.
    {
      code: `${TF}const leafClassifier = await tf.loadLayersModel(url);
leafClassifier.predict(tf.browser.fromPixels(img).div(255));`,
      settings: { prepguard: { models: [{ pattern: '^leaf', mode: 'unit' }] } },
    },
    // A graph model from a hosted detector: not a Keras application.
    `${TF}const ssd = await tf.loadGraphModel('/models/ssd_mobilenet_v2/model.json');
ssd.executeAsync(tf.browser.fromPixels(img).div(255).expandDims());`,
    // Helper imported from another file returns preprocessInput output (multi-file, correct).
    {
      code: `${TF}import { toCaffe } from './helpers/preprocess.js';
${VGG}model.predict(toCaffe(tf.browser.fromPixels(img)).expandDims());`,
      filename: PROJECT_FILE,
    },
    // An import cycle and an unparsable helper do not crash the rule.
    {
      code: `${TF}import { a } from './helpers/cycle-a.js';
import { broken } from './helpers/broken.js';
${VGG}model.predict(a(broken(tf.browser.fromPixels(img))));`,
      filename: PROJECT_FILE,
    },
    js({
      code: `import * as tf from '@tensorflow/tfjs';
const model = await tf.loadLayersModel('/models/unknown/model.json');
model.predict(tf.browser.fromPixels(img).div(255));`,
    }),
  ],
  invalid: [
    {
      code: articleNaive,
      errors: [{ messageId: 'naiveScaling', line: 4, suggestions: caffe(articleNaive, 'image.toFloat().div(255)') }],
    },
    {
      code: articleFeatures,
      errors: [{ messageId: 'naiveScaling', line: 5, suggestions: caffe(articleFeatures, 'tf.stack(images).div(255)') }],
    },
    ...[
      'img.div(255.0)',
      'img.div(tf.scalar(255))',
      'img.mul(1 / 255)',
      'img.mul(0.00392156862745098)',
      'img.mul(0.0039215)',
    ].map((expr) => {
      const code = `${TF}${VGG}const img = tf.browser.fromPixels(el).toFloat();\nmodel.predict(${expr}.expandDims());`;
      return { code, errors: [{ messageId: 'naiveScaling' as const, line: 4, suggestions: caffe(code, expr) }] };
    }),
    (() => {
      const code = `${TF}${VGG}const img = tf.browser.fromPixels(el).toFloat();\nmodel.predict(tf.div(img, 255).expandDims());`;
      return {
        code,
        errors: [{ messageId: 'naiveScaling' as const, suggestions: [{ messageId: 'usePreprocessInput' as const, output: withPreprocessInput(code, 'tf.div(img, 255)', "preprocessInput(img, { mode: 'caffe' })") }] }],
      };
    })(),
    (() => {
      const code = `${TF}const SCALE = 255;\nconst INV = 1 / SCALE;\n${VGG}const img = tf.browser.fromPixels(el).toFloat();\nmodel.predict(img.mul(INV));`;
      return { code, errors: [{ messageId: 'naiveScaling' as const, suggestions: caffe(code, 'img.mul(INV)') }] };
    })(),
    // x / 255 on numbers in a loop over a typed array, then tf.tensor4d from that array.
    { code: loopCode, errors: [{ messageId: 'naiveScaling', line: 7 }] },
    // Float32Array.from(buf, v => v / 255)
    {
      code: `${TF_NODE}import sharp from 'sharp';
const vgg19 = await tf.loadLayersModel('file://models/vgg19/model.json');
const { data } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
const input = tf.tensor3d(Float32Array.from(data, (v) => v / 255), [224, 224, 3]);
vgg19.predict(input.expandDims());`,
      errors: [{ messageId: 'naiveScaling', line: 5 }],
    },
    // .map(v => v / 255) and tf.tensor(...)
    {
      code: `${TF}${VGG}const { data } = canvas.getContext('2d').getImageData(0, 0, 224, 224);
const rgb = Array.from(data).filter((_, i) => i % 4 !== 3);
model.predict(tf.tensor(Array.from(data).map((v) => v / 255), [1, 224, 224, 4]));`,
      errors: [{ messageId: 'naiveScaling', line: 5 }],
    },
    // Reassignments, in order.
    (() => {
      const code = `${TF}${VGG}let t = tf.browser.fromPixels(el);
t = t.toFloat();
t = t.div(255);
t = t.expandDims(0);
model.predict(t);`;
      return { code, errors: [{ messageId: 'naiveScaling' as const, line: 5, suggestions: caffe(code, 't.div(255)') }] };
    })(),
    // Class-based service: fields and methods.
    (() => {
      const code = `${TF_NODE}export class Classifier {
  private model?: tf.LayersModel;
  async load() {
    this.model = await tf.loadLayersModel('file://models/resnet101/model.json');
  }
  private prepare(buffer: Buffer) {
    return tf.tidy(() => tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224]).toFloat().div(255).expandDims());
  }
  classify(buffer: Buffer) {
    return this.model!.predict(this.prepare(buffer));
  }
}`;
      return {
        code,
        errors: [
          {
            messageId: 'naiveScaling' as const,
            line: 8,
            suggestions: caffe(code, 'tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224]).toFloat().div(255)'),
          },
        ],
      };
    })(),
    // The model is recognized by its variable name alone.
    (() => {
      const code = `${TF}const vgg16 = await tf.loadLayersModel(MODEL_URL);\nvgg16.predict(tf.browser.fromPixels(el).toFloat().div(255).expandDims());`;
      return { code, errors: [{ messageId: 'naiveScaling' as const, suggestions: caffe(code, 'tf.browser.fromPixels(el).toFloat().div(255)') }] };
    })(),
    // DenseNet (torch mode) needs mean/std after /255.
    (() => {
      const code = `${TF}const densenet121 = await tf.loadLayersModel('/m/densenet121/model.json');\ndensenet121.predict(tf.browser.fromPixels(el).toFloat().div(255).expandDims());`;
      return {
        code,
        errors: [
          {
            messageId: 'naiveScaling' as const,
            suggestions: [
              {
                messageId: 'usePreprocessInput' as const,
                output: withPreprocessInput(code, 'tf.browser.fromPixels(el).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(el).toFloat(), { mode: 'torch' })"),
              },
            ],
          },
        ],
      };
    })(),
    // MobileNetV2 (tf mode).
    (() => {
      const code = `${TF}const mobilenetV2 = await tf.loadLayersModel('/m/mobilenet_v2/model.json');\nmobilenetV2.predict(tf.browser.fromPixels(el).toFloat().div(255).expandDims());`;
      return {
        code,
        errors: [
          {
            messageId: 'naiveScaling' as const,
            suggestions: [
              {
                messageId: 'usePreprocessInput' as const,
                output: withPreprocessInput(code, 'tf.browser.fromPixels(el).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(el).toFloat(), { mode: 'tf' })"),
              },
            ],
          },
        ],
      };
    })(),
    // EfficientNet rescales inside the model.
    {
      code: `${TF}const effnet = await tf.loadLayersModel('/m/efficientnetb0/model.json');\neffnet.predict(tf.browser.fromPixels(el).toFloat().div(255).expandDims());`,
      errors: [
        {
          messageId: 'naiveScalingSelfNormalizing',
          suggestions: [
            {
              messageId: 'removeScaling',
              output: `${TF}const effnet = await tf.loadLayersModel('/m/efficientnetb0/model.json');\neffnet.predict(tf.browser.fromPixels(el).toFloat().expandDims());`,
            },
          ],
        },
      ],
    },
    // tfjs-models wrappers take raw pixels.
    {
      code: `${TF}import * as mobilenet from '@tensorflow-models/mobilenet';\nconst net = await mobilenet.load({ version: 2, alpha: 1.0 });\nconst predictions = await net.classify(tf.browser.fromPixels(img).div(255));`,
      errors: [
        {
          messageId: 'naiveScalingSelfNormalizing',
          suggestions: [
            {
              messageId: 'removeScaling',
              output: `${TF}import * as mobilenet from '@tensorflow-models/mobilenet';\nconst net = await mobilenet.load({ version: 2, alpha: 1.0 });\nconst predictions = await net.classify(tf.browser.fromPixels(img));`,
            },
          ],
        },
      ],
    },
    // Multi-file: the scaling lives in an imported helper; reported on the call.
    {
      code: `${TF}import { toUnit } from './helpers/preprocess.js';\n${VGG}model.predict(toUnit(tf.browser.fromPixels(img)).expandDims());`,
      filename: PROJECT_FILE,
      errors: [{ messageId: 'naiveScaling', line: 4, column: 15 }],
    },
    // Multi-file through a barrel re-export.
    {
      code: `${TF}import { toUnit } from './helpers/index.js';\n${VGG}model.predict(toUnit(tf.browser.fromPixels(img)).expandDims());`,
      filename: PROJECT_FILE,
      errors: [{ messageId: 'naiveScaling', line: 4 }],
    },
    // Multi-file: the model lives in another file.
    (() => {
      const code = `${TF}import { vggModel } from './helpers/model.js';\nvggModel.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());`;
      return { code, filename: PROJECT_FILE, errors: [{ messageId: 'naiveScaling' as const, suggestions: caffe(code, 'tf.browser.fromPixels(img).toFloat().div(255)') }] };
    })(),
    // Multi-file: an imported wrapper passes its parameter to the model.
    (() => {
      const code = `${TF}import { classify } from './helpers/model.js';\nclassify(tf.browser.fromPixels(img).toFloat().div(255).expandDims());`;
      return { code, filename: PROJECT_FILE, errors: [{ messageId: 'naiveScaling' as const, suggestions: caffe(code, 'tf.browser.fromPixels(img).toFloat().div(255)') }] };
    })(),
    // CommonJS helper, plain JS.
    js({
      code: `const tf = require('@tensorflow/tfjs-node');
const { normalize } = require('./helpers/legacy.cjs');
async function main(buffer) {
  const model = await tf.loadLayersModel('file://models/vgg16/model.json');
  return model.predict(normalize(tf.node.decodeImage(buffer, 3)).expandDims());
}`,
      errors: [{ messageId: 'naiveScaling', line: 5 }],
    }),
    // User settings name the model.
    (() => {
      const code = `${TF}const model = await tf.loadLayersModel('/models/catdog-v3/model.json');\nmodel.predict(tf.browser.fromPixels(img).toFloat().div(255));`;
      return {
        code,
        settings: { prepguard: { models: [{ pattern: 'catdog', mode: 'caffe' }] } },
        errors: [{ messageId: 'naiveScaling' as const, suggestions: caffe(code, 'tf.browser.fromPixels(img).toFloat().div(255)') }],
      };
    })(),
    // JSDoc tag on the model variable.
    (() => {
      const code = `${TF}/** @preprocess tf */\nconst model = await tf.loadLayersModel(url);\nmodel.predict(tf.browser.fromPixels(img).toFloat().div(255));`;
      return {
        code,
        errors: [
          {
            messageId: 'naiveScaling' as const,
            suggestions: [
              {
                messageId: 'usePreprocessInput' as const,
                output: withPreprocessInput(code, 'tf.browser.fromPixels(img).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(img).toFloat(), { mode: 'tf' })"),
              },
            ],
          },
        ],
      };
    })(),
    // Parameters by argument index: a local wrapper called with the model and the scaled input.
    (() => {
      const code = `${TF}async function run(net: tf.LayersModel, input: tf.Tensor) {\n  return net.predict(input);\n}\nconst vgg = await tf.loadLayersModel('/m/vgg16/model.json');\nrun(vgg, tf.browser.fromPixels(img).toFloat().div(255).expandDims());`;
      return { code, errors: [{ messageId: 'naiveScaling' as const, line: 6, suggestions: caffe(code, 'tf.browser.fromPixels(img).toFloat().div(255)') }] };
    })(),
    // Object property holding the model; model URL through a const.
    (() => {
      const code = `${TF}const RESNET_URL = 'https://cdn.example.com/resnet152/model.json';\nconst models = { resnet: await tf.loadLayersModel(RESNET_URL) };\nmodels.resnet.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());`;
      return { code, errors: [{ messageId: 'naiveScaling' as const, suggestions: caffe(code, 'tf.browser.fromPixels(img).toFloat().div(255)') }] };
    })(),
    // Graph model, executeAsync, require() in plain JS, x / 255 in a for loop over sharp raw pixels.
    js({
      code: `const tf = require('@tensorflow/tfjs-node');
const sharp = require('sharp');
async function predict(file) {
  const model = await tf.loadGraphModel('file://./inception_v3/model.json');
  const raw = await sharp(file).resize(299, 299, { fit: 'fill' }).raw().toBuffer();
  const out = new Float32Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) out[i] = raw[i] / 255;
  return model.executeAsync(tf.tensor4d(out, [1, 299, 299, 3]));
}`,
      errors: [{ messageId: 'naiveScaling', line: 7 }],
    }),
  ],
});
