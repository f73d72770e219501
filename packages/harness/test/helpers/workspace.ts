import { join } from 'node:path';
import { recordReference } from '../../src/record.js';
import { saveTinyModel, tempDir, writeGoldenImages, type GoldenSet } from './fixtures.js';

export interface Workspace {
  root: string;
  golden: GoldenSet;
  modelPath: string;
  referencePath: string;
}

/** Golden images, the tiny model and a reference recorded with the Keras-exact port, in a temp dir. */
export async function makeWorkspace(): Promise<Workspace> {
  const root = tempDir();
  const golden = await writeGoldenImages(root);
  const modelPath = await saveTinyModel(join(root, 'model'));
  const referencePath = join(root, 'tiny.reference.json');
  await recordReference({ model: modelPath, preprocess: 'vgg16', images: golden.dir, out: referencePath, layers: ['block2_pool'], modelName: 'tiny', ci: false });
  return { root, golden, modelPath, referencePath };
}
