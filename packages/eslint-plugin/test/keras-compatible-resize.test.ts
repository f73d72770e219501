import rule from '../src/rules/keras-compatible-resize.js';
import { PREP, TF, TF_NODE, js, ruleTester } from './support.js';

const HEAD = `${TF_NODE}import sharp from 'sharp';\n${PREP}const vgg = await tf.loadLayersModel('file://models/vgg16/model.json');\n`;
const predictRaw = (pipeline: string) =>
  `${HEAD}const data = await ${pipeline}.raw().toBuffer();\nvgg.predict(preprocessInput(tf.tensor4d(data, [1, 224, 224, 3]), { mode: 'caffe' }));`;
const GOOD_SHARP = "sharp(file, { ignoreIcc: true }).resize(224, 224, { fit: 'fill', kernel: 'nearest' })";

ruleTester.run('keras-compatible-resize', rule, {
  valid: [
    predictRaw(GOOD_SHARP),
    predictRaw("sharp(file, { ignoreIcc: true }).resize({ width: 224, height: 224, fit: 'fill', kernel: 'nearest' }).rotate(90)"),
    `${HEAD}const x = tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224], false, true).toFloat();\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
    `${HEAD}const x = tf.node.decodeJpeg(buffer, 3, 1, true, false, 1, 'INTEGER_ACCURATE').toFloat();\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
    // The bilinear model, with half-pixel centres.
    {
      code: `${HEAD}const x = tf.image.resizeBilinear(tf.node.decodeImage(buffer, 3), [224, 224], false, true);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
      options: [{ interpolation: 'bilinear' }],
    },
    { code: predictRaw("sharp(file).resize(224, 224, { fit: 'fill', kernel: 'nearest' })"), options: [{ checkIcc: false }] },
    // tfjs-models wrappers do their own resizing: not a Keras model.
    `${TF}import * as mobilenet from '@tensorflow-models/mobilenet';\nconst net = await mobilenet.load();\nawait net.classify(tf.image.resizeBilinear(tf.browser.fromPixels(el), [224, 224]));`,
    // Unknown model.
    `${TF_NODE}import sharp from 'sharp';\nconst model = await tf.loadLayersModel('/m/model.json');\nconst data = await sharp(file).resize(224, 224).raw().toBuffer();\nmodel.predict(tf.tensor4d(data, [1, 224, 224, 3]));`,
    // A thumbnail written to disk never reaches the model.
    `${HEAD}await sharp(file).resize(64, 64).toFile('thumb.jpg');\nconst data = await ${GOOD_SHARP}.raw().toBuffer();\nvgg.predict(preprocessInput(tf.tensor4d(data, [1, 224, 224, 3]), { mode: 'caffe' }));`,
    // Loaded by @prepguard/preprocess, which reproduces load_img.
    `${TF}import { loadImg, imgToArray, preprocessInput } from '@prepguard/preprocess';\nconst vgg = await tf.loadLayersModel('/m/vgg16/model.json');\nconst x = preprocessInput(imgToArray(await loadImg('cat.jpg', { targetSize: [224, 224] })), { mode: 'caffe' });\nvgg.predict(tf.tensor4d(x.data, [1, 224, 224, 3]));`,
    js({
      code: `import * as tf from '@tensorflow/tfjs-node';\nconst vgg = await tf.loadLayersModel('file://m/vgg16/model.json');\nvgg.predict(tf.node.decodeImage(buf, 3).resizeNearestNeighbor([224, 224], false, true).toFloat().expandDims());`,
    }),
    // ImageNet weights were not trained through load_img: without a stated training interpolation, the
    // resampling kernel and grid of a tf.image resize are not compared (a correct VGG16 port does exactly this).
    `${HEAD}const x = tf.browser.fromPixels(img).resizeNearestNeighbor([224, 224]).toFloat();\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
    `${HEAD}const x = tf.image.resizeBilinear(tf.node.decodeImage(buffer, 3), [224, 224]);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
    predictRaw("sharp(file, { ignoreIcc: true }).resize({ width: 224, height: 224, fit: 'fill' })"),
  ],
  invalid: [
    { code: predictRaw('sharp(file).resize(224, 224)'), errors: [{ messageId: 'sharpIcc' }, { messageId: 'sharpCrop' }] },
    {
      code: predictRaw('sharp(file).resize(224, 224)'),
      options: [{ interpolation: 'nearest' }],
      errors: [{ messageId: 'sharpIcc' }, { messageId: 'sharpCrop' }, { messageId: 'sharpKernel' }],
    },
    {
      code: predictRaw("sharp(file, { ignoreIcc: true }).resize({ width: 224, height: 224, fit: 'fill' })"),
      options: [{ interpolation: 'nearest' }],
      errors: [{ messageId: 'sharpKernel' }],
    },
    { code: predictRaw("sharp(file, { ignoreIcc: true }).resize(224, 224, { kernel: 'nearest' })"), errors: [{ messageId: 'sharpCrop' }] },
    { code: predictRaw(`${GOOD_SHARP}.rotate()`), errors: [{ messageId: 'autoOrient' }] },
    { code: predictRaw("sharp(file, { ignoreIcc: true, autoOrient: true }).resize(224, 224, { fit: 'fill', kernel: 'nearest' })"), errors: [{ messageId: 'autoOrient' }] },
    { code: predictRaw("sharp(file).resize(224, 224, { fit: 'fill', kernel: 'nearest' })"), errors: [{ messageId: 'sharpIcc' }] },
    // The model was trained on bilinear resizes: sharp's closest kernel is 'linear'.
    {
      code: predictRaw("sharp(file, { ignoreIcc: true }).resize(224, 224, { fit: 'fill', kernel: 'lanczos3' })"),
      options: [{ interpolation: 'bilinear' }],
      errors: [{ messageId: 'sharpKernel', data: { kernel: 'lanczos3', interpolation: 'bilinear', expectedKernel: 'linear' } }],
    },
    {
      code: `${HEAD}const x = tf.image.resizeBilinear(tf.node.decodeImage(buffer, 3), [224, 224]);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
      options: [{ interpolation: 'nearest' }],
      errors: [{ messageId: 'tfKernel' }],
    },
    {
      code: `${HEAD}const x = tf.node.decodeImage(buffer, 3).resizeNearestNeighbor([224, 224]);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
      options: [{ interpolation: 'nearest' }],
      errors: [{ messageId: 'halfPixelCenters' }],
    },
    {
      code: `${HEAD}const x = tf.image.resizeBilinear(tf.node.decodeImage(buffer, 3), [224, 224]);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
      options: [{ interpolation: 'bilinear' }],
      errors: [{ messageId: 'halfPixelCenters' }],
    },
    {
      code: `${HEAD}const x = tf.node.decodeImage(buffer).resizeNearestNeighbor([224, 224], false, true);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
      errors: [{ messageId: 'decodeChannels' }],
    },
    {
      code: `${HEAD}const x = tf.node.decodeJpeg(buffer, 3).resizeNearestNeighbor([224, 224], false, true);\nvgg.predict(preprocessInput(x, { mode: 'caffe' }).expandDims());`,
      errors: [{ messageId: 'fastDct' }],
    },
    // Encoded by sharp, decoded by tfjs: sharp's crop still happened.
    {
      code: `${HEAD}const jpeg = await sharp(file, { ignoreIcc: true }).resize(224, 224, { kernel: 'nearest' }).jpeg({ quality: 100 }).toBuffer();\nvgg.predict(preprocessInput(tf.node.decodeImage(jpeg, 3).expandDims(), { mode: 'caffe' }));`,
      errors: [{ messageId: 'sharpCrop' }],
    },
    js({
      code: `const tf = require('@tensorflow/tfjs-node');\nconst sharp = require('sharp');\nasync function run(file) {\n  const resnet50 = await tf.loadLayersModel('file://m/resnet50/model.json');\n  const data = await sharp(file, { ignoreIcc: true }).resize(224, 224).raw().toBuffer();\n  return resnet50.predict(tf.tensor4d(data, [1, 224, 224, 3]));\n}`,
      errors: [{ messageId: 'sharpCrop', line: 5 }],
    }),
  ],
});
