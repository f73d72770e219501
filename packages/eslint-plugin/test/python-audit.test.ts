// `prepguard audit` over a two-language repository: Python trains and exports, TypeScript serves.
import path from 'node:path';
import { runAudit, runAuditCli } from '../src/audit/index.js';
import { exportPattern } from '../src/python/skew.js';
import { capture, makeProject, sarifValidator } from './audit-helpers.js';

const TRAIN = [
  'import tensorflowjs as tfjs',
  'from tensorflow.keras.applications import VGG16',
  'from tensorflow.keras.applications.vgg16 import preprocess_input',
  'from tensorflow.keras.preprocessing.image import ImageDataGenerator',
  'from tensorflow.keras import layers, models',
  "base = VGG16(weights='imagenet', include_top=False, input_shape=(224, 224, 3))",
  'model = models.Sequential([base, layers.Flatten(), layers.Dense(2)])',
  "train = ImageDataGenerator(preprocessing_function=preprocess_input).flow_from_directory('data/train')",
  'model.fit(train, epochs=5)',
  "tfjs.converters.save_keras_model(model, '../server/public/cats_classifier')",
  '',
].join('\n');

const SERVE = [
  "import * as tf from '@tensorflow/tfjs';",
  'export async function classify(img: tf.Tensor3D) {',
  "  const model = await tf.loadLayersModel('/public/cats_classifier/model.json');",
  '  const x = img.toFloat().div(255).expandDims(0);',
  '  return model.predict(x);',
  '}',
  '',
].join('\n');

describe('prepguard audit with Python files', () => {
  it('reports Python findings with the same rule ids, and checks the TS serving code against the Python training', async () => {
    const root = await makeProject({
      'training/train.py': TRAIN,
      'training/predict.py': "from keras.applications.vgg16 import VGG16\nfrom keras.utils import load_img, img_to_array\nm = VGG16()\nm.predict(img_to_array(load_img('a.jpg'))[None] / 255.)\n",
      'server/classify.ts': SERVE,
      'notes.txt': 'keras',
    });
    const { report } = await runAudit({ paths: ['.'], cwd: root });
    expect(report.totals.filesLinted).toBe(3);
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f.findings]));
    expect(byPath['training/predict.py']?.map((f) => [f.ruleId, f.line, f.modelCallLine])).toEqual([['@prepguard/no-naive-scaling', 4, 4]]);
    const serving = byPath['server/classify.ts'];
    expect(serving?.map((f) => [f.ruleId, f.line])).toEqual([['@prepguard/no-naive-scaling', 4]]);
    expect(serving?.[0]?.message).toContain("the model trained in training/train.py:8 (model call on line 5) expects Keras 'caffe' preprocessing");
    expect(byPath['training/train.py']).toBeUndefined();
  });

  it('lets the user settings win, and reports an unreadable notebook as a parse error without stopping', async () => {
    const root = await makeProject({
      'training/train.py': TRAIN,
      'server/classify.ts': SERVE,
      'prepguard.config.json': JSON.stringify({ models: [{ pattern: 'cats_classifier', mode: 'unit' }] }),
      'broken.ipynb': '{ not json',
    });
    const { report } = await runAudit({ paths: ['.'], cwd: root });
    expect(report.files.map((f) => f.path)).toEqual(['broken.ipynb']);
    expect(report.files[0]?.findings[0]?.kind).toBe('parse-error');
    expect(report.files[0]?.findings[0]?.message).toContain(`Cannot read ${path.join(root, 'broken.ipynb')} as a Jupyter notebook`);
  });

  it('writes notebook findings to valid SARIF, pointing at the .ipynb line that holds the code', async () => {
    const cell = ['from keras.applications.vgg16 import VGG16\n', 'from keras.utils import load_img, img_to_array\n', 'm = VGG16()\n', "m.predict(img_to_array(load_img('a.jpg'))[None] / 255.)"];
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: cell, metadata: {}, outputs: [] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const root = await makeProject({ 'cats.ipynb': notebook });
    const io = capture();
    const code = await runAuditCli(['--format', 'sarif'], { stdout: io.stdout, stderr: io.stderr, isTTY: false, cwd: root });
    expect(code).toBe(1);
    const log = JSON.parse(io.out());
    expect(sarifValidator()(log)).toEqual([]);
    const [result] = log.runs[0].results;
    expect(result.ruleId).toBe('@prepguard/no-naive-scaling');
    expect(result.message.text).toMatch(/^Cell 1, line 4: Pixels are scaled to \[0, 1\] here, but VGG16 \(model call on cell 1, line 4\)/);
    const region = result.locations[0].physicalLocation.region;
    expect(notebook.split('\n')[region.startLine - 1]).toContain('/ 255.');
  });

  it('derives the export pattern from the meaningful part of the path', () => {
    expect(exportPattern('models/vgg_cats.h5')).toBe('(^|[\\\\/])vgg_cats([\\\\/.]|$)');
    expect(new RegExp(exportPattern('out/cats_web/model.json') as string).test('/static/cats_web/model.json')).toBe(true);
    expect(new RegExp(exportPattern('vgg_cats.h5') as string).test('/static/big_vgg_cats/model.json')).toBe(false);
    expect(exportPattern('model')).toBeUndefined();
  });
});
