/**
 * Shared test fixtures: a small seeded convolutional model saved in TF.js layers format, and a
 * set of generated golden images covering the cases the diagnosis must tell apart (ICC profile,
 * EXIF orientation, alpha, non-square aspect).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { fileSystemSaver } from '../../src/model/io.js';
import { seededRandom } from '../../../../support/seeded-random.js';

export const SIZE = 32;

/** A 2-conv net on 32×32×3 inputs with Keras-style layer names and seeded weights. */
export function buildTinyModel(seed = 7): tf.LayersModel {
  const init = (s: number) => tf.initializers.glorotUniform({ seed: seed * 100 + s });
  const model = tf.sequential({ name: 'tiny' });
  model.add(tf.layers.conv2d({ inputShape: [SIZE, SIZE, 3], filters: 8, kernelSize: 3, activation: 'relu', padding: 'same', name: 'block1_conv1', kernelInitializer: init(1), biasInitializer: 'zeros' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'block1_pool' }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', padding: 'same', name: 'block2_conv1', kernelInitializer: init(2), biasInitializer: tf.initializers.constant({ value: 0.01 }) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'block2_pool' }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', name: 'predictions', kernelInitializer: init(3) }));
  return model;
}

export async function saveTinyModel(dir: string, seed = 7): Promise<string> {
  const model = buildTinyModel(seed);
  await model.save(fileSystemSaver(dir));
  model.dispose();
  return join(dir, 'model.json');
}

/** Deterministic pseudo-random numbers (see support/seeded-random.ts). */
export const rng = seededRandom;

/** A smooth colourful picture with texture, so every channel and every resize filter matters. */
export function syntheticRgb(width: number, height: number, seed: number, channels = 3): Buffer {
  const rand = rng(seed);
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      data[i] = Math.min(255, Math.round(255 * (x / width) * 0.8 + 40 * rand()));
      data[i + 1] = Math.min(255, Math.round(128 + 100 * Math.sin((x + y) / 5) + 20 * rand()));
      data[i + 2] = Math.min(255, Math.round(255 * (y / height) * 0.9 + 25 * rand()));
      if (channels === 4) data[i + 3] = Math.round((255 * x) / (width - 1));
    }
  }
  return data;
}

export interface GoldenSet {
  dir: string;
  files: string[];
}

/** Writes the generated golden images into `<root>/images`. */
export async function writeGoldenImages(root: string): Promise<GoldenSet> {
  const dir = join(root, 'images');
  mkdirSync(dir, { recursive: true });
  const raw = (w: number, h: number, seed: number, channels: 3 | 4 = 3) => sharp(syntheticRgb(w, h, seed, channels), { raw: { width: w, height: h, channels } });
  const images: Record<string, Buffer> = {
    'landscape.png': await raw(72, 54, 1).png().toBuffer(),
    'square.jpg': await raw(64, 64, 2).jpeg({ quality: 92 }).toBuffer(),
    'wide.png': await raw(120, 40, 3).png().toBuffer(),
    // Pixels converted to Display P3 and the profile embedded: sharp's default decode converts back.
    'icc-p3.jpg': await raw(60, 60, 4).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer(),
    // EXIF orientation 6 (rotate 90° clockwise to display): Pillow/Keras ignore it.
    'exif-6.jpg': await raw(80, 48, 5).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer(),
    // Alpha ramp from transparent (left) to opaque (right).
    'alpha.png': await raw(48, 48, 6, 4).png().toBuffer(),
  };
  for (const [name, bytes] of Object.entries(images)) writeFileSync(join(dir, name), bytes);
  return { dir, files: Object.keys(images).sort() };
}

export function tempDir(prefix = 'prepguard-harness-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
