/**
 * VGG16 built in TF.js itself (no Python, no download) for the demo: Keras' VGG16 convolutional
 * base with Keras' layer names (`block1_conv1` … `block5_pool`), a GlobalAveragePooling2D and a
 * Dense(1000, softmax) head named `predictions`, with seeded weights.
 *
 * The weights follow the recipe of scripts/seeded_model.py (which does the same in Keras): plain
 * random weights make a network that ignores preprocessing mistakes (zero biases make a ReLU net
 * scale-invariant; 13 layers of random convolutions send every image to the same class). So each
 * layer, in order, gets He-normal weights rescaled to unit-std pre-activations on seeded synthetic
 * calibration images, and a bias that recentres each channel plus a seeded offset; the head is
 * centred per class and scaled to a softmax temperature. The calibration images are made and
 * preprocessed here, so the result is a pure function of the seed.
 */
import * as tf from '@tensorflow/tfjs';
import { preprocessInput } from '@prepguard/preprocess';
import { seededRandom } from '../../support/seeded-random.js';

const BLOCKS = [
  { convs: 2, filters: 64 },
  { convs: 2, filters: 128 },
  { convs: 3, filters: 256 },
  { convs: 3, filters: 512 },
  { convs: 3, filters: 512 },
];
const SIZE = 224;
const CLASSES = 1000;
const CALIBRATION_IMAGES = 4;
const BIAS_OFFSET_STD = 0.5;
const HEAD_LOGIT_STD = 4;


/** Standard normal samples (Box-Muller) from a uniform source. */
function normals(count: number, next: () => number, std = 1): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    out[i] = std * r * Math.cos(theta);
    if (i + 1 < count) out[i + 1] = std * r * Math.sin(theta);
  }
  return out;
}

/** The VGG16 graph with Keras' layer names; weights are set by `seedWeights`. */
export function vgg16Architecture(): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 3], name: 'input_layer' });
  let x: tf.SymbolicTensor = input;
  BLOCKS.forEach(({ convs, filters }, b) => {
    for (let c = 1; c <= convs; c++) {
      x = tf.layers
        .conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', name: `block${b + 1}_conv${c}` })
        .apply(x) as tf.SymbolicTensor;
    }
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }).apply(x) as tf.SymbolicTensor;
  });
  x = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: CLASSES, activation: 'softmax', name: 'predictions' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'vgg16' });
}

/** Seeded smooth colour fields with fine noise (like decoded photos), through VGG16's preprocess_input. */
function calibrationBatch(seed: number): tf.Tensor4D {
  const next = seededRandom(seed * 7919 + 1);
  return tf.tidy(() => {
    const images = Array.from({ length: CALIBRATION_IMAGES }, (_, index) => {
      const cells = 2 + (index % 6);
      const coarse = tf.tensor4d(Float32Array.from({ length: cells * cells * 3 }, () => 255 * next()), [1, cells, cells, 3]);
      const smooth = tf.image.resizeBilinear(coarse, [SIZE, SIZE]);
      const noise = tf.tensor4d(normals(SIZE * SIZE * 3, next, 12), [1, SIZE, SIZE, 3]);
      return smooth.add(noise).round().clipByValue(0, 255);
    });
    return preprocessInput(tf.concat(images), { model: 'vgg16' }) as tf.Tensor4D;
  });
}

/** Sets every Conv2D/Dense layer in order, propagating the calibration batch once through the net. */
export function seedWeights(model: tf.LayersModel, seed: number): void {
  const next = seededRandom(seed);
  let h: tf.Tensor = calibrationBatch(seed);
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    if (className !== 'Conv2D' && className !== 'Dense') {
      const out = layer.apply(h) as tf.Tensor;
      h.dispose();
      h = out;
      continue;
    }
    // getWeights() hands out the layer's own variables: read their shapes, never dispose them.
    const shape = layer.getWeights()[0]!.shape;
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const outChannels = shape[shape.length - 1]!;
    const w = tf.tensor(normals(fanIn * outChannels, next, Math.sqrt(2 / fanIn)), shape);
    const pre = tf.tidy(() => (className === 'Conv2D' ? tf.conv2d(h as tf.Tensor4D, w as tf.Tensor4D, 1, 'same') : tf.matMul(h as tf.Tensor2D, w as tf.Tensor2D)));
    const { scale, channelMean } = tf.tidy(() => {
      const flat = pre.reshape([-1, outChannels]);
      return { scale: tf.moments(flat).variance.sqrt().dataSync()[0]! || 1, channelMean: flat.mean(0).dataSync() as Float32Array };
    });
    const isHead = layer.name === 'predictions';
    const kernelScale = isHead ? HEAD_LOGIT_STD / scale : 1 / scale;
    const offsets = normals(outChannels, next, BIAS_OFFSET_STD);
    const b = Float32Array.from(channelMean, (m, c) => (isHead ? (-m / scale) * HEAD_LOGIT_STD : offsets[c]! - m / scale));
    const scaled = w.mul(kernelScale);
    const biasTensor = tf.tensor1d(b);
    layer.setWeights([scaled, biasTensor]); // copies the values into the layer's variables
    tf.dispose([w, pre, scaled, biasTensor]);
    if (!isHead) {
      const out = layer.apply(h) as tf.Tensor;
      h.dispose();
      h = out;
    }
  }
  h.dispose();
}

/** A seeded VGG16 ready to save: architecture + calibrated weights. */
export function buildSeededVgg16(seed: number): tf.LayersModel {
  const model = vgg16Architecture();
  seedWeights(model, seed);
  return model;
}
