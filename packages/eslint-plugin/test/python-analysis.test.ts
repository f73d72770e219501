// The Python analysis on small Keras programs: each mistake it must catch, and the look-alikes it must leave alone.
import { analyzePythonFile, type PythonFileFinding } from '../src/python/analyze-file.js';
import { NotebookFormatError } from '../src/python/notebook.js';

const VGG = [
  'import numpy as np',
  'from tensorflow.keras.applications.vgg16 import VGG16, preprocess_input',
  'from tensorflow.keras.preprocessing.image import load_img, img_to_array, ImageDataGenerator',
  "model = VGG16(weights='imagenet')",
  "img = load_img('cat.jpg', target_size=(224, 224))",
];

async function findings(lines: string[], file = 'script.py'): Promise<PythonFileFinding[]> {
  return (await analyzePythonFile(file, lines.join('\n'))).findings;
}

function summary(found: PythonFileFinding[]): string[] {
  return found.map((f) => `${f.location.line} ${f.rule}`);
}

describe('Python: /255 ahead of a Keras application', () => {
  it('reports img_to_array(img) / 255. before VGG16.predict, at the division, naming the model call', async () => {
    const found = await findings([...VGG, 'x = img_to_array(img) / 255.', 'model.predict(np.expand_dims(x, axis=0))']);
    expect(summary(found)).toEqual(['6 no-naive-scaling']);
    expect(found[0]?.message).toContain("VGG16 (model call on line 7) expects Keras 'caffe' preprocessing");
    expect(found[0]?.modelCallLine).toBe(7);
  });

  it('reports rescale=1./255 feeding a model built on pretrained VGG16 (transfer learning)', async () => {
    const found = await findings([
      ...VGG,
      'from tensorflow.keras import layers, Sequential',
      "base = VGG16(weights='imagenet', include_top=False)",
      'm = Sequential([base, layers.Flatten(), layers.Dense(2)])',
      "m.fit(ImageDataGenerator(rescale=1./255).flow_from_directory('train'), epochs=2)",
    ]);
    expect(summary(found)).toEqual(['9 no-naive-scaling']);
  });

  it('leaves rescale=1./255 alone for a custom model and for VGG16(weights=None)', async () => {
    const found = await findings([
      ...VGG,
      'from tensorflow.keras import layers, Sequential',
      'custom = Sequential([layers.Conv2D(8, 3), layers.Dense(2)])',
      "custom.fit(ImageDataGenerator(rescale=1./255).flow_from_directory('train'))",
      'scratch = VGG16(weights=None, classes=2)',
      "scratch.fit(ImageDataGenerator(rescale=1./255).flow_from_directory('train'))",
    ]);
    expect(found).toEqual([]);
  });

  it('accepts the reference path: load_img, img_to_array, preprocess_input, predict', async () => {
    const found = await findings([...VGG, 'x = preprocess_input(np.expand_dims(img_to_array(img), 0))', 'model.predict(x)']);
    expect(found).toEqual([]);
  });

  it('reports raw pixels reaching the model when the whole path from load_img is visible', async () => {
    const found = await findings([...VGG, 'model.predict(np.expand_dims(img_to_array(img), 0))']);
    expect(summary(found)).toEqual(['6 preprocess-mode-mismatch']);
  });
});

describe('Python: preprocess_input of the wrong family', () => {
  it('reports vgg16.preprocess_input feeding MobileNetV2', async () => {
    const found = await findings([
      'from keras.applications.vgg16 import preprocess_input',
      'from keras.applications import MobileNetV2',
      'from keras.utils import load_img, img_to_array',
      'net = MobileNetV2()',
      "x = preprocess_input(img_to_array(load_img('a.jpg'))[None])",
      'net.predict(x)',
    ]);
    expect(summary(found)).toEqual(['5 preprocess-mode-mismatch']);
    expect(found[0]?.message).toContain("expects Keras 'tf' preprocessing");
  });

  it('follows module aliases and imagenet_utils modes', async () => {
    const found = await findings([
      'import tensorflow as tf',
      'from tensorflow.keras.applications import imagenet_utils',
      'net = tf.keras.applications.ResNet50()',
      "a = tf.keras.applications.resnet50.preprocess_input(tf.keras.utils.img_to_array(tf.keras.utils.load_img('a.jpg')))",
      'net.predict(a)',
      "b = imagenet_utils.preprocess_input(tf.keras.utils.img_to_array(tf.keras.utils.load_img('a.jpg')), mode='tf')",
      'net.predict(b)',
    ]);
    expect(summary(found)).toEqual(['6 preprocess-mode-mismatch']);
  });
});

describe('Python: double preprocessing', () => {
  it('reports ImageDataGenerator(rescale=1./255, preprocessing_function=preprocess_input) at rescale', async () => {
    const found = await findings([...VGG, 'gen = ImageDataGenerator(rescale=1./255, preprocessing_function=preprocess_input)']);
    expect(summary(found)).toEqual(['6 no-double-preprocessing']);
    expect(found[0]?.location.column).toBe(26);
  });

  it('reports /255 before preprocess_input even without a model call', async () => {
    const found = await findings([...VGG, 'x = preprocess_input(img_to_array(img) / 255.0)']);
    expect(summary(found)).toEqual(['6 no-double-preprocessing']);
  });

  it('reports preprocess_input on data for a model that starts with a Rescaling layer', async () => {
    const found = await findings([
      ...VGG,
      'from tensorflow.keras import layers, Sequential',
      'm = Sequential([layers.Rescaling(1./255), layers.Conv2D(8, 3)])',
      "m.fit(ImageDataGenerator(preprocessing_function=preprocess_input).flow_from_directory('d'))",
    ]);
    expect(summary(found)).toEqual(['8 no-double-preprocessing']);
    expect(found[0]?.message).toMatch(/^The model built on line 7 .*normalizes its input itself/);
  });

  it('reports /255 ahead of EfficientNet, which rescales inside; its own preprocess_input is a pass-through', async () => {
    const found = await findings([
      'from keras.applications.efficientnet import EfficientNetB0, preprocess_input',
      'from keras.utils import load_img, img_to_array',
      'net = EfficientNetB0()',
      "x = img_to_array(load_img('a.jpg'))",
      'net.predict(preprocess_input(x[None]))',
      'net.predict(x[None] / 255.)',
    ]);
    expect(summary(found)).toEqual(['6 no-naive-scaling']);
  });

  it('accepts a functional model that preprocesses inside and gets raw batches', async () => {
    const found = await findings([
      'import tensorflow as tf',
      'base = tf.keras.applications.MobileNetV2(include_top=False)',
      'inputs = tf.keras.Input(shape=(224, 224, 3))',
      'x = tf.keras.applications.mobilenet_v2.preprocess_input(inputs)',
      'x = base(x, training=False)',
      'outputs = tf.keras.layers.Dense(1)(x)',
      'model = tf.keras.Model(inputs, outputs)',
      "train = tf.keras.utils.image_dataset_from_directory('d')",
      'model.fit(train)',
      'model.fit(train.map(lambda x, y: (x / 255., y)))',
    ]);
    expect(summary(found)).toEqual(['10 no-naive-scaling']);
  });

  it('reports a Rescaling(1./255) layer in front of a pretrained VGG16 inside the model', async () => {
    const found = await findings([
      'import tensorflow as tf',
      "base = tf.keras.applications.VGG16(weights='imagenet', include_top=False)",
      'inputs = tf.keras.Input(shape=(224, 224, 3))',
      'x = tf.keras.layers.Rescaling(1./255)(inputs)',
      'x = base(x)',
    ]);
    expect(summary(found)).toEqual(['4 no-naive-scaling']);
  });
});

describe('Python: OpenCV BGR and resizing', () => {
  const CV = ['import cv2', ...VGG];

  it('reports cv2.imread (BGR) fed to caffe preprocess_input, which flips again', async () => {
    const found = await findings([...CV, "im = cv2.imread('a.jpg')", 'x = preprocess_input(np.expand_dims(im, 0))']);
    expect(summary(found)).toEqual(['8 bgr-channel-order']);
    expect(found[0]?.message).toContain('BGR already');
  });

  it('accepts cv2.imread converted with cvtColor(BGR2RGB) first', async () => {
    const found = await findings([...CV, "im = cv2.cvtColor(cv2.imread('a.jpg'), cv2.COLOR_BGR2RGB)", 'model.predict(preprocess_input(im[None]))']);
    expect(found).toEqual([]);
  });

  // A model fine-tuned here on flow_from_directory batches: load_img resized its training images with 'nearest'.
  const TRAINED = [
    ...CV,
    'from tensorflow.keras import layers, Sequential',
    "net = Sequential([VGG16(weights='imagenet', include_top=False), layers.Flatten(), layers.Dense(2)])",
    "net.fit(ImageDataGenerator(preprocessing_function=preprocess_input).flow_from_directory('train'))",
  ];

  it("warns about cv2.resize's INTER_LINEAR ahead of a model trained on load_img's 'nearest'", async () => {
    const found = await findings([
      ...TRAINED,
      "im = cv2.cvtColor(cv2.imread('a.jpg'), cv2.COLOR_BGR2RGB)",
      'net.predict(preprocess_input(cv2.resize(im, (224, 224))[None]))',
      'net.predict(preprocess_input(cv2.resize(im, (224, 224), interpolation=cv2.INTER_NEAREST)[None]))',
    ]);
    expect(summary(found)).toEqual(['11 keras-compatible-resize']);
    expect(found[0]?.message).toContain(
      "cv2.resize resizes with INTER_LINEAR here, but the model was trained on images resized by keras.utils.load_img with 'nearest' (line 9)",
    );
  });

  it("warns about Pillow's default resize only for a model whose training images went through load_img", async () => {
    const pil = ['from PIL import Image', "im = Image.open('a.jpg').convert('RGB').resize((224, 224))"];
    expect(summary(await findings([...TRAINED, ...pil, 'net.predict(preprocess_input(img_to_array(im)[None]))']))).toEqual(['11 keras-compatible-resize']);
    // The ImageNet VGG16 itself was not trained here: no load_img reference to compare with.
    expect(await findings([...TRAINED, ...pil, 'model.predict(preprocess_input(img_to_array(im)[None]))'])).toEqual([]);
  });
});

describe('Python: how models are built, trained, saved and reloaded', () => {
  it('follows Sequential().add(base) and Model(inputs=base.input, outputs=...) around a pretrained base', async () => {
    const found = await findings([
      ...VGG,
      'from keras.models import Sequential, Model',
      "base = VGG16(weights='imagenet', include_top=False)",
      'top = Sequential()',
      'top.add(base)',
      "top.fit(ImageDataGenerator(rescale=1./255).flow_from_directory('train'))",
      "cut = Model(inputs=base.input, outputs=base.get_layer('block3_pool').output)",
      'cut.predict(np.expand_dims(img_to_array(img), 0))',
    ]);
    expect(summary(found)).toEqual(['10 no-naive-scaling', '12 preprocess-mode-mismatch']);
  });

  it('iterates generators in for loops and lists filled with append', async () => {
    const found = await findings([
      ...VGG,
      'import cv2',
      "for batch, labels in ImageDataGenerator(rescale=1./255).flow_from_directory('d'):",
      '    model.predict(batch)',
      'images = []',
      'for path in paths:',
      '    images.append(cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2RGB))',
      'model.predict(np.array(images))',
    ]);
    expect(summary(found)).toEqual(['7 no-naive-scaling', '12 preprocess-mode-mismatch']);
  });

  it('reloads a model saved by the same file: train with mobilenet preprocessing, predict with /255', async () => {
    const found = await findings([
      'import numpy as np',
      'from tensorflow.keras.applications.mobilenet import MobileNet, preprocess_input',
      'from tensorflow.keras.models import Model, load_model',
      'from tensorflow.keras.layers import Input, Dense',
      'from tensorflow.keras.preprocessing.image import ImageDataGenerator, load_img, img_to_array',
      'inputs = Input(shape=(224, 224, 3))',
      'outputs = Dense(2)(MobileNet(include_top=False)(inputs))',
      'model = Model(inputs=inputs, outputs=outputs)',
      "model.fit(ImageDataGenerator(preprocessing_function=preprocess_input).flow_from_directory('t'))",
      "model.save('model.h5')",
      "model = load_model('model.h5')",
      "model.predict(np.expand_dims(img_to_array(load_img('a.jpg')), 0) / 255.)",
    ]);
    expect(summary(found)).toEqual(['12 no-naive-scaling']);
    expect(found[0]?.message).toContain("MobileNet (model call on line 12) expects Keras 'tf' preprocessing");
  });
});

describe('Python: user functions, branches and robustness', () => {
  it('follows a helper function that returns preprocessed pixels', async () => {
    const found = await findings([
      ...VGG,
      'def prepare(path):',
      '    im = load_img(path, target_size=(224, 224))',
      '    return np.expand_dims(img_to_array(im), 0) / 255.0',
      "model.predict(prepare('a.jpg'))",
    ]);
    expect(summary(found)).toEqual(['8 no-naive-scaling']);
  });

  it('treats branches that preprocess differently as unknown', async () => {
    const found = await findings([...VGG, 'x = img_to_array(img)', 'if fast:', '    x = x / 255.', 'else:', '    x = preprocess_input(x)', 'model.predict(x[None])']);
    expect(found).toEqual([]);
  });

  it('skips files that mention nothing it analyses, and survives broken syntax', async () => {
    expect((await analyzePythonFile('a.py', 'print(1)\n')).parsed).toBe(false);
    const broken = await analyzePythonFile('b.py', [...VGG, 'def (:', 'x = img_to_array(img) / 255.', 'model.predict(x)'].join('\n'));
    expect(broken.parsed).toBe(true);
  });

  it('survives self-referencing lists and expressions nested deeper than it follows', async () => {
    const cyclic = ['import numpy as np', 'import keras', 'a = []', 'a.append(a)', 'b = np.array(a)'];
    expect((await analyzePythonFile('c.py', cyclic.join('\n'))).findings).toEqual([]);
    const deep = `import keras\nx = ${'('.repeat(400)}1${')'.repeat(400)} / 255\n`;
    expect((await analyzePythonFile('d.py', deep)).parsed).toBe(true);
  });
});

describe('Python: notebooks', () => {
  const notebook = JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', source: ['# Cats\n'] },
        { cell_type: 'code', source: ['!pip install tensorflow\n', 'from tensorflow.keras.applications.vgg16 import VGG16\n', "model = VGG16(weights='imagenet')"] },
        {
          cell_type: 'code',
          source: ['from tensorflow.keras.preprocessing import image\n', "x = image.img_to_array(image.load_img('a.jpg', target_size=(224, 224))) / 255\n", 'model.predict(x[None])'],
        },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );

  it('reports on the code cells, naming the cell and line, at the line of the .ipynb file that holds it', async () => {
    const found = (await analyzePythonFile('cats.ipynb', notebook)).findings;
    expect(found.map((f) => f.rule)).toEqual(['no-naive-scaling']);
    expect(found[0]?.message).toMatch(/^Cell 3, line 2: Pixels are scaled to \[0, 1\] here, but VGG16 \(model call on cell 3, line 3\)/);
    const fileLine = notebook.split('\n')[(found[0]?.location.line ?? 0) - 1];
    expect(fileLine).toContain('/ 255');
  });

  it('rejects a file that is not a notebook with a typed error naming the file', async () => {
    await expect(analyzePythonFile('bad.ipynb', '{"cells": 3, "keras": 1}')).rejects.toThrow(NotebookFormatError);
    await expect(analyzePythonFile('bad.ipynb', 'keras {')).rejects.toThrow(/Cannot read bad\.ipynb as a Jupyter notebook: not valid JSON/);
  });
});
