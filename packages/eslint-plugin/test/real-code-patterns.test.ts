// How third-party code carries pixels and models, one RuleTester case per pattern found in public TF.js
// projects (class instances, React state, Jimp and canvas loops, scripts sharing a page, the model's own
// model.json and training script as evidence of what it expects).
import * as path from 'node:path';
import bgrChannelOrder from '../src/rules/bgr-channel-order.js';
import kerasCompatibleResize from '../src/rules/keras-compatible-resize.js';
import noDoublePreprocessing from '../src/rules/no-double-preprocessing.js';
import noNaiveScaling from '../src/rules/no-naive-scaling.js';
import preprocessModeMismatch from '../src/rules/preprocess-mode-mismatch.js';
import { FIXTURES, TF, TF_NODE, js, ruleTester, withPreprocessInput } from './support.js';

const APPS = path.join(FIXTURES, 'apps');
/** A case linted as a plain JS file at `relative` inside one of the fixture apps (its model.json etc. beside it). */
const inApp = <T extends { code: string }>(relative: string, testCase: T) => ({ ...js(testCase), filename: path.join(APPS, relative) });

/** An error whose suggestion rewrites `from` (a unique part of `code`) as `to` and imports preprocessInput. */
function rewrite<M extends string>(messageId: M, line: number, code: string, from: string, to: string) {
  return { messageId, line, suggestions: [{ messageId: 'usePreprocessInput' as const, output: withPreprocessInput(code, from, to) }] };
}

/** Adds the errors, which need the case's own code for their suggestions. */
function withErrors<T extends { code: string }>(testCase: T, errors: (code: string) => object[]): T & { errors: object[] } {
  return { ...testCase, errors: errors(testCase.code) };
}

ruleTester.run('preprocess-mode-mismatch on real-code patterns', preprocessModeMismatch, {
  valid: [
    // A model whose model.json has a Rescaling layer takes raw pixels.
    inApp('rescaling/app.js', {
      code: `${TF}const model = await tf.loadLayersModel('/models/flowers/model.json');\nmodel.predict(tf.browser.fromPixels(img).toFloat().expandDims());`,
    }),
    // The project's training notebook shows no preprocessing: what the fine-tuned MobileNetV2 expects is open.
    inApp('notebook/main.js', {
      code: `${TF}const model = await tf.loadLayersModel('model_mobilenet/model.json');\nmodel.predict(tf.browser.fromPixels(img).toFloat().expandDims());`,
    }),
    // A warm-up call disposed of unread: what it is fed changes no output.
    js({ code: `${TF}const net = await tf.loadLayersModel('https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json');\nnet.predict(tf.browser.fromPixels(el).expandDims(0)).dispose();` }),
    // [-1, 1] written in other orders and roundings: x * (2 / 255) - 1, and Teachable Machine's x / 127 - 1.
    js({ code: `${TF}const mobilenetV2 = await tf.loadLayersModel('/m/mobilenet_v2/model.json');\nmobilenetV2.predict(tf.browser.fromPixels(img).toFloat().mul(2 / 255).sub(1).expandDims());` }),
    js({ code: `${TF}const mobilenetV2 = await tf.loadLayersModel('/m/mobilenet_v2/model.json');\nmobilenetV2.predict(tf.browser.fromPixels(img).toFloat().div(127).sub(1).expandDims());` }),
    // A branch the arguments rule out does not count: only the VGG branch runs for modelName 'vgg16'.
    js({
      code: `${TF}const vgg16 = await tf.loadLayersModel('/m/vgg16/model.json');
function prep(img, name) {
  const t = tf.browser.fromPixels(img).toFloat();
  if (name === 'inception') return t.div(127.5).sub(1).expandDims();
  return t.sub([123.68, 116.779, 103.939]).reverse(-1).expandDims();
}
vgg16.predict(prep(el, 'vgg16'));`,
    }),
  ],
  invalid: [
    // Jimp scan callback pushing raw bytes, in a class-field arrow; model from a constructor-set path.
    withErrors(js({
      code: `import * as tf from '@tensorflow/tfjs-node';
import Jimp from 'jimp';
export default class Classifier {
  constructor() {
    this.modelPath = 'file://./models/resnet50/model.json';
  }
  initialize = async () => {
    this.model = await tf.loadLayersModel(this.modelPath);
  };
  loadImg = async (uri) => {
    return Jimp.read(uri).then((img) => {
      const p = [];
      img.scan(0, 0, img.bitmap.width, img.bitmap.height, function (x, y, idx) {
        p.push(this.bitmap.data[idx + 0]);
        p.push(this.bitmap.data[idx + 1]);
        p.push(this.bitmap.data[idx + 2]);
      });
      return tf.tensor4d(p, [1, 224, 224, 3]);
    });
  };
  classify = async (uri) => {
    const img = await this.loadImg(uri);
    return this.model.predict(img);
  };
}`,
    }), (code) => [rewrite('missingPreprocessing', 23, code, 'predict(img)', "predict(preprocessInput(img, { mode: 'caffe' }))")]),
    // (x - 255) / 255 lands in [-1, 0]: no Keras mode; the model is a VGG16 in a project folder named tfjs-models/.
    withErrors(inApp('finetuned/static/js/predict.js', {
      code: `let model;
async function loadModel() {
  model = await tf.loadLayersModel(\`\${location.href}tfjs-models/oct_final/model.json\`);
}
function preprocess(image) {
  const offset = tf.scalar(255);
  return tf.browser.fromPixels(image).toFloat().sub(offset).div(offset).expandDims();
}
document.querySelector('button').onclick = () => model.predict(preprocess(document.querySelector('img')));`,
    }), (code) => [rewrite('wrongMode', 7, code, 'tf.browser.fromPixels(image).toFloat().sub(offset).div(offset)', "preprocessInput(tf.browser.fromPixels(image).toFloat(), { mode: 'caffe' })")]),
    // A MobileNetV2 recognized from its layer names (model.json saved as "model_4"); [-127.5, 127.5] is not tf mode.
    withErrors(inApp('fingerprint/src/index.js', {
      code: `${TF}const model = await tf.loadLayersModel('file://model/model.json');\nconst x = tf.browser.fromPixels(img).toFloat();\nmodel.predict(x.sub(127.5).expandDims());`,
    }), (code) => [rewrite('wrongMode', 4, code, 'x.sub(127.5)', "preprocessInput(x, { mode: 'tf' })")]),
    // Teachable Machine export (metadata.json) fed raw pixels through a helper whose model is a parameter.
    withErrors(inApp('teachable/server.js', {
      code: `${TF_NODE}const predict = (model, tensor) => model.predict(tensor);
export async function run(buffer) {
  const model = await tf.loadLayersModel(\`file://\${__dirname}/model/model.json\`);
  return predict(model, tf.node.decodeImage(buffer, 3).expandDims());
}`,
    }), (code) => [rewrite('missingPreprocessing', 2, code, 'model.predict(tensor)', "model.predict(preprocessInput(tensor, { mode: 'tf' }))")]),
    // A custom CNN trained with rescale=1./255 (python/train.py); jpeg-js pixels copied in a loop, model at build/.
    inApp('trained/server.js', {
      code: `const tf = require('@tensorflow/tfjs-node');
const jpeg = require('jpeg-js');
let model;
async function classify(buf) {
  model = model || await tf.loadLayersModel('file://./client/build/model_tfjs/model.json');
  const image = jpeg.decode(buf, true);
  const values = new Int32Array(150 * 150 * 3);
  for (let i = 0; i < 150 * 150; i++) {
    for (let c = 0; c < 3; c++) values[i * 3 + c] = image.data[i * 4 + c];
  }
  return model.predict(tf.tensor3d(values, [150, 150, 3], 'int32').expandDims(0));
}`,
      errors: [{ messageId: 'missingPreprocessing', line: 11 }],
    }),
    // tfjs held as \`any\` from require; a method called on a \`new X()\` instance; the model URL a constructor argument.
    withErrors({
      code: `const tf: any = require('@tensorflow/tfjs');
class Predictor {
  modelUrl: string;
  model: any;
  constructor(modelUrl: string) {
    this.modelUrl = modelUrl;
  }
  async load() {
    this.model = await tf.loadLayersModel(this.modelUrl);
  }
  run(input: any) {
    return this.model.predict(input);
  }
}
const predictor = new Predictor('/models/inception_v3/model.json');
export const go = (img: HTMLImageElement) => predictor.run(tf.browser.fromPixels(img).toFloat().expandDims());`,
    }, (code) => [rewrite('missingPreprocessing', 12, code, 'predict(input)', "predict(preprocessInput(input, { mode: 'tf' }))")]),
    // React class component: the model in this.state (setState), the URL from a class field.
    withErrors({
      code: `${TF}import React from 'react';
export class Vgg extends React.Component {
  url = '/models/vgg16/model.json';
  state = { model: null };
  async componentDidMount() {
    this.setState({ model: await tf.loadLayersModel(this.url) });
  }
  classify(img: HTMLImageElement) {
    return this.state.model.predict(tf.browser.fromPixels(img).toFloat().div(127.5).sub(1).expandDims());
  }
}`,
    }, (code) => [rewrite('wrongMode', 10, code, 'tf.browser.fromPixels(img).toFloat().div(127.5).sub(1)', "preprocessInput(tf.browser.fromPixels(img).toFloat(), { mode: 'caffe' })")]),
    // The model description imported as a JSON module (bundlers), its metadata.json beside it.
    withErrors(inApp('tm-metadata/src/app.js', {
      code: `${TF}import { bundleResourceIO } from '@tensorflow/tfjs-react-native';
import modelJson from '../model/model.json';
import modelWeights from '../model/weights.bin';
export async function run(img) {
  const model = await tf.loadLayersModel(bundleResourceIO(modelJson, modelWeights));
  return model.predict(tf.browser.fromPixels(img).toFloat().expandDims());
}`,
    }), (code) => [rewrite('missingPreprocessing', 7, code, 'model.predict(tf.browser.fromPixels(img).toFloat().expandDims())', "model.predict(preprocessInput(tf.browser.fromPixels(img).toFloat().expandDims(), { mode: 'tf' }))")]),
    // A module exporting a loader, a converter and a predictor: its users combine them (React Native helper).
    withErrors(inApp('teachable/server.js', {
      code: `${TF}import { bundleResourceIO, decodeJpeg } from '@tensorflow/tfjs-react-native';
const modelJson = require('./model/model.json');
const modelWeights = require('./model/group1-shard1of1.bin');
export const getModel = async () => tf.loadLayersModel(bundleResourceIO(modelJson, modelWeights));
export const toTensor = (bytes) => decodeJpeg(bytes, 3).reshape([1, 224, 224, 3]);
export const startPrediction = async (model, tensor) => {
  const output = await model.predict(tensor);
  return output.dataSync();
};`,
    }), (code) => [rewrite('missingPreprocessing', 8, code, 'model.predict(tensor)', "model.predict(preprocessInput(tensor, { mode: 'tf' }))")]),
    // Both branches of an if/else scale the same way: the else-branch write never sees the if-branch one.
    js({
      code: `${TF}const inceptionV3 = await tf.loadLayersModel('/m/inception_v3/model.json');
export function run(el, big) {
  let img = tf.image.resizeBilinear(tf.browser.fromPixels(el), [299, 299]);
  if (big) {
    img = img.toFloat().div(127.5);
  } else {
    img = img.toFloat().div(127.5);
  }
  return inceptionV3.predict(img.expandDims(0));
}`,
      errors: [{ messageId: 'wrongMode', line: 8, suggestions: [{ messageId: 'usePreprocessInput', output: `${TF}import { preprocessInput } from '@prepguard/preprocess';
const inceptionV3 = await tf.loadLayersModel('/m/inception_v3/model.json');
export function run(el, big) {
  let img = tf.image.resizeBilinear(tf.browser.fromPixels(el), [299, 299]);
  if (big) {
    img = img.toFloat().div(127.5);
  } else {
    img = preprocessInput(img.toFloat(), { mode: 'tf' });
  }
  return inceptionV3.predict(img.expandDims(0));
}` }] }],
    }),
    // TF Hub image classifiers take [0, 1] (TF Hub's common image signature), not [-1, 1].
    js({
      code: `${TF}let mobilenet;
const load = async () => { mobilenet = await tf.loadGraphModel('https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_100_224/classification/3/default/1', { fromTFHub: true }); };
function predict(el) {
  const offset = tf.scalar(127.5);
  return mobilenet.predict(tf.browser.fromPixels(el).toFloat().sub(offset).div(offset).expandDims());
}`,
      errors: [{ messageId: 'wrongMode', line: 6 }],
    }),
  ],
});

ruleTester.run('no-naive-scaling on real-code patterns', noNaiveScaling, {
  valid: [
    // A custom layer ahead of the first convolution preprocesses inside the model (here: x * 255, then the means).
    inApp('custom-layer/main.js', {
      code: `${TF}const encoder = await tf.loadLayersModel('encoder/model.json');\nencoder.predict(tf.browser.fromPixels(img).toFloat().div(tf.scalar(255)).expandDims());`,
    }),
    // A model handed over as a prop in a project whose only model is not a Teachable Machine export: nothing
    // says what it expects.
    inApp('rescaling/upload.js', {
      code: `${TF}export function Upload({ model }) {\n  return model.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());\n}`,
    }),
  ],
  invalid: [
    // The model's model.json rescales (a Rescaling layer): an outside /255 scales twice.
    withErrors(inApp('rescaling/app.js', {
      code: `${TF}const model = await tf.loadLayersModel('/models/flowers/model.json');\nmodel.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());`,
    }), (code) => [
      {
        messageId: 'naiveScalingSelfNormalizing',
        line: 3,
        suggestions: [{ messageId: 'removeScaling', output: code.replace('tf.browser.fromPixels(img).toFloat().div(255)', 'tf.browser.fromPixels(img).toFloat()') }],
      },
    ]),
    // Scripts of one page share globals: the model and the helper come from js/model.js.
    inApp('page/js/predict.js', {
      code: `document.querySelector('#go').addEventListener('click', () => {\n  model.predict(preprocess(document.querySelector('img')));\n});`,
      errors: [{ messageId: 'naiveScaling', line: 2 }],
    }),
    // React hooks: the model in useState (set through .then(setModel)), pixels from a canvas loop.
    {
      code: `${TF}import { useEffect, useRef, useState } from 'react';
export function useResnet(canvas: HTMLCanvasElement) {
  const [model, setModel] = useState<tf.LayersModel>();
  useEffect(() => { tf.loadLayersModel('/models/resnet50/model.json').then(setModel); }, []);
  const ctx = canvas.getContext('2d')!;
  const { data } = ctx.getImageData(0, 0, 224, 224);
  const input: number[] = [];
  for (let i = 0; i < data.length; i += 4) {
    input.push(data[i] / 255, data[i + 1] / 255, data[i + 2] / 255);
  }
  return model?.predict(tf.tensor4d(input, [1, 224, 224, 3]));
}`,
      errors: [{ messageId: 'naiveScaling', line: 10 }],
    },
    // A Promise resolved from a Jimp node-style callback, pixels written with tf.buffer().set(..., channel), the
    // model in a field set to null first, its URL a conditional with a cache path, predict inside tf.tidy.
    withErrors(js({
      code: `${TF}import jimp from 'jimp';
const URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_1.0_224/model.json';
function read(path) {
  return new Promise((resolve, reject) => {
    jimp.read(path, (err, image) => {
      if (err) return reject(err);
      const buffer = tf.buffer([1, 224, 224, 3], 'float32');
      image.scan(0, 0, 224, 224, function (x, y, index) {
        buffer.set(image.bitmap.data[index], 0, y, x, 0);
        buffer.set(image.bitmap.data[index + 1], 0, y, x, 1);
        buffer.set(image.bitmap.data[index + 2], 0, y, x, 2);
      });
      resolve(tf.tidy(() => buffer.toTensor().div(255)));
    });
  });
}
export class Classifier {
  constructor() { this.model = null; }
  async load(cached) { this.model = await tf.loadLayersModel(cached == null ? URL : cached); }
  classify(images) { return tf.tidy(() => this.model.predict(images)); }
  async search(path) { return this.classify(await read(path)); }
}`,
    }), (code) => [rewrite('naiveScaling', 14, code, 'buffer.toTensor().div(255)', "preprocessInput(buffer.toTensor(), { mode: 'tf' })")]),
    // A React/SPFx component whose model URL comes from props: the component's name names the model.
    withErrors({
      code: `${TF}import * as React from 'react';
export default class Vgg16Classifier extends React.Component<{ serviceUrl: string }> {
  private model: any;
  public async componentDidMount() {
    this.model = await tf.loadLayersModel(this.props.serviceUrl);
  }
  public classify(img: HTMLImageElement) {
    return this.model.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());
  }
}`,
    }, (code) => [rewrite('naiveScaling', 9, code, 'tf.browser.fromPixels(img).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(img).toFloat(), { mode: 'caffe' })")]),
    // A Teachable Machine export whose model.json is not committed, only its metadata.json; the path from a config module.
    withErrors(inApp('tm-metadata/src/app.js', {
      code: `const tf = require('@tensorflow/tfjs-node');
const { MODEL_PATH } = require('./config/model-config');
let model;
async function predict(buffer) {
  model = model || (await tf.loadLayersModel(MODEL_PATH));
  const x = tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224]).toFloat().div(tf.scalar(255.0));
  return model.predict(x.expandDims());
}`,
    }), (code) => [rewrite('naiveScaling', 6, code, 'tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224]).toFloat().div(tf.scalar(255.0))', "preprocessInput(tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224]).toFloat(), { mode: 'tf' })")]),
    // The project's only model is a Teachable Machine export; the load URL comes from a config module the
    // linter cannot read, and the model is taken from \`Promise.all\` alongside its metadata.
    withErrors(inApp('tm-metadata/src/detection.js', {
      code: `${TF}import { MODEL_CONFIG } from './config/app-config.js';
export class Detector {
  async load() {
    const [model, metadata] = await Promise.all([tf.loadLayersModel(MODEL_CONFIG.modelUrl), fetch(MODEL_CONFIG.metadataUrl)]);
    this.model = model;
  }
  predict(img) {
    return this.model.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims(0));
  }
}`,
    }), (code) => [rewrite('naiveScaling', 9, code, 'tf.browser.fromPixels(img).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(img).toFloat(), { mode: 'tf' })")]),
    // The divisor is a property of a settings object in another module, held by the class as \`this.config\`.
    withErrors(inApp('tm-metadata/src/classifier.js', {
      code: `${TF}import { DETECTION_CONFIG } from './config/detection-config.js';
export class Classifier {
  constructor() { this.config = DETECTION_CONFIG; }
  async load() { this.model = await tf.loadLayersModel(this.config.modelPath); }
  predict(img) {
    const x = tf.browser.fromPixels(img).resizeBilinear(this.config.inputSize).div(this.config.normalizationFactor);
    return this.model.predict(x.expandDims(0));
  }
}`,
    }), (code) => [rewrite('naiveScaling', 7, code, 'tf.browser.fromPixels(img).resizeBilinear(this.config.inputSize).div(this.config.normalizationFactor)', "preprocessInput(tf.browser.fromPixels(img).resizeBilinear(this.config.inputSize), { mode: 'tf' })")]),
    // Lazy loading: the model is loaded on first use and kept for the next calls.
    withErrors(js({
      code: `${TF_NODE}let model;
async function getModel() {
  if (!model) {
    model = await tf.loadLayersModel('file://models/vgg16/model.json');
  }
  return model;
}
export async function classify(buffer) {
  const net = await getModel();
  return net.predict(tf.node.decodeImage(buffer, 3).toFloat().div(255).expandDims());
}`,
    }), (code) => [rewrite('naiveScaling', 11, code, 'tf.node.decodeImage(buffer, 3).toFloat().div(255)', "preprocessInput(tf.node.decodeImage(buffer, 3).toFloat(), { mode: 'caffe' })")]),
    withErrors(js({
      code: `${TF_NODE}let model;
async function getModel() {
  model ??= await tf.loadLayersModel('file://models/vgg16/model.json');
  return model;
}
export async function classify(buffer) {
  const net = await getModel();
  return net.predict(tf.node.decodeImage(buffer, 3).toFloat().div(255).expandDims());
}`,
    }), (code) => [rewrite('naiveScaling', 9, code, 'tf.node.decodeImage(buffer, 3).toFloat().div(255)', "preprocessInput(tf.node.decodeImage(buffer, 3).toFloat(), { mode: 'caffe' })")]),
    // The same project's model reaching a React component as a prop: still its only model.
    withErrors(inApp('tm-metadata/src/upload.js', {
      code: `${TF}export function Upload({ model }) {
  const predict = (img) => model.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());
  return predict;
}`,
    }), (code) => [rewrite('naiveScaling', 3, code, 'tf.browser.fromPixels(img).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(img).toFloat(), { mode: 'tf' })")]),
    // useRef: the model held in ref.current.
    withErrors({
      code: `${TF}import { useRef } from 'react';
export function useVgg() {
  const modelRef = useRef<tf.LayersModel | null>(null);
  const load = async () => { modelRef.current = await tf.loadLayersModel('/models/vgg19/model.json'); };
  const classify = (img: HTMLImageElement) => modelRef.current!.predict(tf.browser.fromPixels(img).toFloat().div(255).expandDims());
  return { load, classify };
}`,
    }, (code) => [rewrite('naiveScaling', 6, code, 'tf.browser.fromPixels(img).toFloat().div(255)', "preprocessInput(tf.browser.fromPixels(img).toFloat(), { mode: 'caffe' })")]),
  ],
});

ruleTester.run('no-double-preprocessing on real-code patterns', noDoublePreprocessing, {
  valid: [],
  invalid: [
    // Jimp intToRGBA channels rewritten in place ((v - 1) / 127, truncated), for an EfficientNet named by its class.
    {
      code: `import * as tf from '@tensorflow/tfjs-node';
import * as Jimp from 'jimp';
export default class EfficientNetModel {
  model: tf.GraphModel | undefined;
  constructor(private modelPath: string) {}
  async load() { this.model = await tf.loadGraphModel(this.modelPath); }
  private createTensor(image: Jimp) {
    const values = new Float32Array(224 * 224 * 3);
    let i = 0;
    image.scan(0, 0, image.bitmap.width, image.bitmap.height, (x: number, y: number) => {
      const pixel = Jimp.intToRGBA(image.getPixelColor(x, y));
      pixel.r = ((pixel.r - 1) / 127.0) >> 0;
      pixel.g = ((pixel.g - 1) / 127.0) >> 0;
      pixel.b = ((pixel.b - 1) / 127.0) >> 0;
      values[i * 3 + 0] = pixel.r;
      values[i * 3 + 1] = pixel.g;
      values[i * 3 + 2] = pixel.b;
      i++;
    });
    return tf.tensor3d(values, [224, 224, 3], 'float32').expandDims(0);
  }
  predict(image: Jimp) {
    return this.model!.predict(this.createTensor(image));
  }
}`,
      errors: [{ messageId: 'modelNormalizesItself', line: 12 }],
    },
  ],
});

ruleTester.run('bgr-channel-order on real-code patterns', bgrChannelOrder, {
  valid: [],
  invalid: [
    // Jimp bitmap bytes pushed per channel, RGB means subtracted, no flip, for a VGG19 loaded with tfjs 0.x loadModel.
    withErrors(js({
      code: `const tf = require('@tensorflow/tfjs-node');
const Jimp = require('jimp');
const MEANS = tf.tensor1d([123.68, 116.779, 103.939]).reshape([1, 1, 1, 3]);
async function run(path) {
  const vgg19 = await tf.loadModel('file://./vgg19/model.json');
  const img = await Jimp.read(path);
  const p = [];
  img.scan(0, 0, 224, 224, function (x, y, idx) {
    p.push(this.bitmap.data[idx]);
    p.push(this.bitmap.data[idx + 1]);
    p.push(this.bitmap.data[idx + 2]);
  });
  return vgg19.predict(tf.tensor3d(p, [224, 224, 3]).reshape([1, 224, 224, 3]).sub(MEANS));
}`,
    }), (code) => [
      rewrite('meansWithoutFlip', 13, code, 'tf.tensor3d(p, [224, 224, 3]).reshape([1, 224, 224, 3]).sub(MEANS)', "preprocessInput(tf.tensor3d(p, [224, 224, 3]).reshape([1, 224, 224, 3]), { mode: 'caffe' })"),
    ]),
  ],
});

ruleTester.run('keras-compatible-resize on real-code patterns', kerasCompatibleResize, {
  valid: [
    // A new head on a MobileNetV2 backbone (its model.json), with no training code in the project: nothing
    // shows it was trained on load_img output, so sharp's crop and ICC handling are not held against it.
    inApp('backbone-head/src/server.js', {
      code: `${TF_NODE}import sharp from 'sharp';
const model = await tf.loadLayersModel('file://model/model.json');
export async function classify(buffer) {
  const { data, info } = await sharp(buffer).resize(224, 224).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const x = tf.tensor3d(data, [info.height, info.width, 3], 'float32').div(127.5).sub(1);
  return model.predict(x.expandDims(0));
}`,
    }),
    // A correct VGG16 port: nearest resize without halfPixelCenters is not compared against load_img by default.
    js({
      code: `${TF}const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');
const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224]).toFloat();
vgg16.predict(x.sub([123.68, 116.779, 103.939]).reverse(2).expandDims());`,
    }),
  ],
  invalid: [
    // sharp options with a dynamic member (\`fit: sharp.fit.cover\`) still read as a crop; the bytes decoded by jpeg-js.
    inApp('trained/server.js', {
      code: `const tf = require('@tensorflow/tfjs-node');
const sharp = require('sharp');
const jpeg = require('jpeg-js');
let model;
let resized;
async function classify(buf) {
  model = model || await tf.loadLayersModel('file://./client/build/model_tfjs/model.json');
  await sharp(buf)
    .resize({ width: 150, height: 150, fit: sharp.fit.cover })
    .toBuffer()
    .then((data) => { resized = data; });
  const image = jpeg.decode(resized, true);
  return model.predict(tf.tensor4d(image.data, [1, 150, 150, 4]).div(255));
}`,
      errors: [
        { messageId: 'sharpIcc', line: 8 },
        { messageId: 'sharpCrop', line: 9 },
      ],
    }),
  ],
});
