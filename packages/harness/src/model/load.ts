import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelLoadError } from '../errors.js';
import { concatBytes, detectModelKind, fileSystemLoader, readModelJson, type ModelKind } from './io.js';
import { layersWeightsSha256, shardsSha256 } from './weights-hash.js';

export interface LoadedModel {
  kind: ModelKind;
  model: tf.LayersModel | tf.GraphModel;
  /** Where it came from (path), for messages. */
  source: string;
  /** Input shape without the batch axis, e.g. [224, 224, 3]. */
  inputShape: number[];
}

// Graph models are identified by their shard bytes, which only the loader sees.
const graphShardHashes = new WeakMap<tf.GraphModel, string>();

export function isLayersModel(model: unknown): model is tf.LayersModel {
  return typeof model === 'object' && model !== null && 'layers' in model && typeof (model as tf.LayersModel).getLayer === 'function';
}

export function isGraphModel(model: unknown): model is tf.GraphModel {
  return typeof model === 'object' && model !== null && typeof (model as tf.GraphModel).executeAsync === 'function' && !isLayersModel(model);
}

/** Loads a TF.js LayersModel or GraphModel (detected from model.json) from the file system. */
export async function loadModel(path: string): Promise<LoadedModel> {
  const kind = detectModelKind(readModelJson(path));
  const handler = fileSystemLoader(path);
  let model: tf.LayersModel | tf.GraphModel;
  try {
    model = kind === 'layers' ? await tf.loadLayersModel(handler) : await tf.loadGraphModel(handler);
  } catch (cause) {
    if (cause instanceof ModelLoadError) throw cause;
    throw new ModelLoadError(path, `TF.js could not build the ${kind} model: ${(cause as Error).message}`, { cause });
  }
  if (kind === 'graph') graphShardHashes.set(model as tf.GraphModel, shardsSha256(handler.shards ?? []));
  return describeModel(model, path);
}

/** Wraps an already-loaded model. */
export function describeModel(model: tf.LayersModel | tf.GraphModel, source = '<model>'): LoadedModel {
  if (isLayersModel(model)) {
    const shape = model.inputs[0]?.shape ?? [];
    return { kind: 'layers', model, source, inputShape: shape.slice(1).map((d) => d ?? -1) };
  }
  if (isGraphModel(model)) {
    const shape = model.inputs[0]?.shape ?? [];
    return { kind: 'graph', model, source, inputShape: shape.slice(1).map((d) => d ?? -1) };
  }
  throw new ModelLoadError(source, 'is neither a tf.LayersModel nor a tf.GraphModel');
}

/**
 * The weights identity recorded in references (see docs/reference-format.md). LayersModel: hash
 * of every layer's weights as float32 LE. GraphModel: hash of its weight shards in manifest order.
 */
export function weightsSha256(model: tf.LayersModel | tf.GraphModel): string {
  if (isLayersModel(model)) return layersWeightsSha256(model);
  const known = graphShardHashes.get(model);
  if (known) return known;
  // A GraphModel loaded elsewhere keeps its artifacts; hash the same bytes the shards held.
  const data = (model as unknown as { artifacts?: tf.io.ModelArtifacts }).artifacts?.weightData;
  if (data === undefined) throw new ModelLoadError('<graph model>', 'cannot identify its weights; load it with loadModel(path)');
  const parts = (Array.isArray(data) ? data : [data]).map((b) => new Uint8Array(b));
  return shardsSha256([concatBytes(parts)]);
}

// Models loaded by path are kept for the life of the process, keyed by path, size and mtime, so that
// successive checks against the same model (one per pipeline) share it and its inference cache.
const loadedByPath = new Map<string, { stamp: string; loaded: Promise<LoadedModel> }>();

function stampOf(path: string): string {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** A path is loaded (once per process while model.json is unchanged); a model object is wrapped. */
export async function resolveModel(model: string | tf.LayersModel | tf.GraphModel): Promise<LoadedModel> {
  if (typeof model !== 'string') return describeModel(model);
  const key = resolve(model);
  const stamp = stampOf(key);
  const known = loadedByPath.get(key);
  if (known && known.stamp === stamp) return known.loaded;
  const loaded = loadModel(model);
  loadedByPath.set(key, { stamp, loaded });
  loaded.catch(() => loadedByPath.delete(key));
  return loaded;
}
