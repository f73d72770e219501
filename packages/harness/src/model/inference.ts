import * as tf from '@tensorflow/tfjs';
import { float32Sha256 } from '../hash.js';
import { layerStats, type LayerStats } from '../stats.js';
import type { LoadedModel } from './load.js';

export interface InferenceResult {
  /** The model's (first) output for the image, e.g. 1000 class probabilities. */
  output: Float32Array;
  layers: Record<string, LayerStats>;
}

/** The layer `name` does not exist in the model. */
export class UnknownLayerError extends Error {
  constructor(name: string, model: string, known: string[]) {
    super(`Layer "${name}" is not in ${model}; known layers include: ${known.slice(-8).join(', ')}`);
    this.name = 'UnknownLayerError';
  }
}

type Executor = (input: tf.Tensor) => tf.Tensor[];

/**
 * Runs the model once per distinct input and returns its output plus statistics of the requested
 * intermediate layers. Results are cached by the SHA-256 of the input: many mistaken pipelines
 * produce the reference input exactly on images that do not exercise their mistake, and inference
 * is by far the most expensive step.
 */
// Shared by every runner of the same model object, so successive checks (one per pipeline) reuse
// the inference of inputs they have in common.
const caches = new WeakMap<object, Map<string, InferenceResult>>();

export class InferenceRunner {
  private readonly cache: Map<string, InferenceResult>;
  private readonly execute: Executor;
  hits = 0;
  misses = 0;

  constructor(
    readonly loaded: LoadedModel,
    readonly layers: string[],
  ) {
    this.execute = loaded.kind === 'layers' ? layersExecutor(loaded, layers) : graphExecutor(loaded, layers);
    let cache = caches.get(loaded.model);
    if (!cache) {
      cache = new Map();
      caches.set(loaded.model, cache);
    }
    this.cache = cache;
  }

  /** `input` is channels-last without the batch axis; `shape` its shape. */
  run(input: Float32Array, shape: number[]): InferenceResult {
    const key = `${this.layers.join(',')}|${shape.join('x')}:${float32Sha256(input)}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const outputs = tf.tidy(() => this.execute(tf.tensor(input, [1, ...shape], 'float32')));
    try {
      const [main, ...rest] = outputs;
      const result: InferenceResult = { output: Float32Array.from(main!.dataSync()), layers: {} };
      rest.forEach((t, i) => {
        result.layers[this.layers[i]!] = layerStats(t.dataSync(), t.shape.slice(1));
      });
      this.cache.set(key, result);
      return result;
    } finally {
      tf.dispose(outputs);
    }
  }

  /** Drops this model's cached results. */
  clearCache(): void {
    this.cache.clear();
  }
}

function layersExecutor(loaded: LoadedModel, layers: string[]): Executor {
  const model = loaded.model as tf.LayersModel;
  if (layers.length === 0) return (x) => [model.predict(x) as tf.Tensor];
  const outputs = layers.map((name) => {
    try {
      return model.getLayer(name).output as tf.SymbolicTensor;
    } catch {
      throw new UnknownLayerError(name, loaded.source, model.layers.map((l) => l.name));
    }
  });
  const probe = tf.model({ inputs: model.inputs, outputs: [model.outputs[0]!, ...outputs] });
  return (x) => probe.predict(x) as tf.Tensor[];
}

function graphExecutor(loaded: LoadedModel, layers: string[]): Executor {
  const model = loaded.model as tf.GraphModel;
  const nodes = Object.keys((model as unknown as { executor?: { graph?: { nodes?: Record<string, unknown> } } }).executor?.graph?.nodes ?? {});
  // Keras layer names appear as a path segment of the converted graph's node names
  // (e.g. "StatefulPartitionedCall/vgg16/block5_pool/MaxPool"); take the last node of the layer.
  const nodeFor = (name: string) => {
    if (nodes.includes(name)) return name;
    const matches = nodes.filter((n) => n.split('/').includes(name));
    if (matches.length === 0) throw new UnknownLayerError(name, loaded.source, nodes);
    return matches[matches.length - 1]!;
  };
  const names = [model.outputs[0]!.name, ...layers.map(nodeFor)];
  return (x) => {
    const out = model.execute(x, names);
    return Array.isArray(out) ? out : [out];
  };
}
