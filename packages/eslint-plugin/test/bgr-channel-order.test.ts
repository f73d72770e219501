import rule from '../src/rules/bgr-channel-order.js';
import { PREP, TF, js, ruleTester, withPreprocessInput } from './support.js';

const VGG = "const vgg = await tf.loadLayersModel('/models/vgg16/model.json');\n";
const IMG = 'const img = tf.browser.fromPixels(el).toFloat();\n';
const RGB = '[123.68, 116.779, 103.939]';
const BGR = '[103.939, 116.779, 123.68]';
const loop = (body: string) => `${TF}${VGG}const { data } = ctx.getImageData(0, 0, 224, 224);
const input = new Float32Array(224 * 224 * 3);
for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
${body}
}
vgg.predict(tf.tensor4d(input, [1, 224, 224, 3]));`;

function caffeFix(code: string, chain: string, messageId: 'meansWithoutFlip' | 'meansOrder' | 'doubleFlip') {
  return {
    code,
    errors: [
      {
        messageId,
        suggestions: [{ messageId: 'usePreprocessInput' as const, output: withPreprocessInput(code, chain, "preprocessInput(img, { mode: 'caffe' })") }],
      },
    ],
  };
}

ruleTester.run('bgr-channel-order', rule, {
  valid: [
    // Keras caffe exactly: means in RGB order, then the RGB->BGR flip.
    `${TF}${VGG}${IMG}vgg.predict(img.sub(${RGB}).reverse(-1));`,
    // Flip first, then the means in BGR order.
    `${TF}${VGG}${IMG}vgg.predict(img.reverse(-1).sub(${BGR}));`,
    `${TF}${VGG}${IMG}vgg.predict(tf.reverse(img, 2).sub(tf.tensor1d(${BGR})));`,
    `${TF}${PREP}${VGG}${IMG}vgg.predict(preprocessInput(img, { mode: 'caffe' }));`,
    loop(`  input[j] = data[i + 2] - 103.939;\n  input[j + 1] = data[i + 1] - 116.779;\n  input[j + 2] = data[i] - 123.68;`),
    `${TF}${VGG}const [r, g, b] = tf.split(tf.browser.fromPixels(el).toFloat(), 3, 2);\nvgg.predict(tf.concat([b.sub(103.939), g.sub(116.779), r.sub(123.68)], 2));`,
    `${TF}${VGG}${IMG}vgg.predict(tf.stack(tf.unstack(img, -1).reverse(), -1).sub(${BGR}));`,
    // A horizontal (spatial) flip is not a channel flip.
    `${TF}${VGG}${IMG}vgg.predict(img.reverse(1).sub(${RGB}).reverse(2));`,
    `${TF}const MEAN_BGR = ${BGR};\n${VGG}${IMG}vgg.predict(img.reverse(-1).sub(MEAN_BGR));`,
    // Not a caffe model: its channel order is not this rule's business.
    `${TF}const mobilenetV2 = await tf.loadLayersModel('/m/mobilenet_v2/model.json');\n${IMG}mobilenetV2.predict(img.reverse(-1).div(127.5).sub(1));`,
    // Unknown model.
    `${TF}const model = await tf.loadLayersModel('/m/model.json');\n${IMG}model.predict(img.sub(${RGB}));`,
    js({ code: `import * as tf from '@tensorflow/tfjs';\nconst resnet50 = await tf.loadLayersModel('/m/resnet50/model.json');\nresnet50.predict(tf.browser.fromPixels(el).toFloat().sub(${RGB}).reverse(-1));` }),
  ],
  invalid: [
    // Means in RGB order, never flipped.
    caffeFix(`${TF}${VGG}${IMG}vgg.predict(img.sub(${RGB}));`, `img.sub(${RGB})`, 'meansWithoutFlip'),
    caffeFix(`${TF}${VGG}${IMG}vgg.predict(img.add([-123.68, -116.779, -103.939]));`, 'img.add([-123.68, -116.779, -103.939])', 'meansWithoutFlip'),
    caffeFix(`${TF}const MEAN = ${RGB};\n${VGG}${IMG}vgg.predict(img.sub(MEAN));`, 'img.sub(MEAN)', 'meansWithoutFlip'),
    {
      code: `${TF}${VGG}${IMG}vgg.predict(tf.sub(img, tf.tensor1d(${RGB})));`,
      errors: [
        {
          messageId: 'meansWithoutFlip',
          suggestions: [
            {
              messageId: 'usePreprocessInput',
              output: withPreprocessInput(`${TF}${VGG}${IMG}vgg.predict(tf.sub(img, tf.tensor1d(${RGB})));`, `tf.sub(img, tf.tensor1d(${RGB}))`, "preprocessInput(img, { mode: 'caffe' })"),
            },
          ],
        },
      ],
    },
    // Flipped, then the means in RGB order.
    caffeFix(`${TF}${VGG}${IMG}vgg.predict(img.reverse(-1).sub(${RGB}));`, `img.reverse(-1).sub(${RGB})`, 'meansOrder'),
    // BGR means on an RGB tensor.
    caffeFix(`${TF}${VGG}${IMG}vgg.predict(img.sub(${BGR}));`, `img.sub(${BGR})`, 'meansOrder'),
    // A double flip: preprocessInput already flips.
    caffeFix(`${TF}${PREP}${VGG}${IMG}vgg.predict(preprocessInput(img.reverse(-1), { mode: 'caffe' }));`, "preprocessInput(img.reverse(-1), { mode: 'caffe' })", 'doubleFlip'),
    caffeFix(`${TF}${PREP}${VGG}${IMG}vgg.predict(preprocessInput(img, { mode: 'caffe' }).reverse(-1));`, "preprocessInput(img, { mode: 'caffe' }).reverse(-1)", 'doubleFlip'),
    // Typed-array loops.
    { code: loop(`  input[j] = data[i] - 123.68;\n  input[j + 1] = data[i + 1] - 116.779;\n  input[j + 2] = data[i + 2] - 103.939;`), errors: [{ messageId: 'meansWithoutFlip', line: 6 }] },
    { code: loop(`  input[j] = data[i + 2] - 123.68;\n  input[j + 1] = data[i + 1] - 116.779;\n  input[j + 2] = data[i] - 103.939;`), errors: [{ messageId: 'meansOrder', line: 6 }] },
    // tf.split / tf.stack channel by channel.
    {
      code: `${TF}${VGG}const [r, g, b] = tf.split(tf.browser.fromPixels(el).toFloat(), 3, -1);\nvgg.predict(tf.stack([r.sub(123.68), g.sub(116.779), b.sub(103.939)], -1));`,
      errors: [{ messageId: 'meansWithoutFlip' }],
    },
    {
      code: `${TF}${VGG}${IMG}vgg.predict(tf.stack(tf.unstack(img, -1).reverse(), -1).sub(${RGB}));`,
      errors: [
        {
          messageId: 'meansOrder',
          suggestions: [
            {
              messageId: 'usePreprocessInput',
              output: withPreprocessInput(
                `${TF}${VGG}${IMG}vgg.predict(tf.stack(tf.unstack(img, -1).reverse(), -1).sub(${RGB}));`,
                `tf.stack(tf.unstack(img, -1).reverse(), -1).sub(${RGB})`,
                "preprocessInput(img, { mode: 'caffe' })",
              ),
            },
          ],
        },
      ],
    },
    js({
      code: `import * as tf from '@tensorflow/tfjs';\nconst vgg19 = await tf.loadLayersModel('/m/vgg19/model.json');\nvgg19.predict(tf.browser.fromPixels(el).toFloat().sub(${RGB}).expandDims());`,
      errors: [
        {
          messageId: 'meansWithoutFlip',
          suggestions: [
            {
              messageId: 'usePreprocessInput',
              output: `import * as tf from '@tensorflow/tfjs';\nimport { preprocessInput } from '@prepguard/preprocess';\nconst vgg19 = await tf.loadLayersModel('/m/vgg19/model.json');\nvgg19.predict(preprocessInput(tf.browser.fromPixels(el).toFloat(), { mode: 'caffe' }).expandDims());`,
            },
          ],
        },
      ],
    }),
  ],
});
