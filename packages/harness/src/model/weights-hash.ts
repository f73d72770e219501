import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { float32LeBytes } from '../hash.js';

/**
 * SHA-256 identifying a LayersModel's weights, identical to what scripts/record_reference.py
 * computes in Keras: for each layer in model order that has weights, each of its weights in the
 * layer's own order (kernel before bias), as float32 little-endian bytes, all concatenated.
 */
export function layersWeightsSha256(model: tf.LayersModel): string {
  const hash = createHash('sha256');
  for (const layer of model.layers) {
    for (const weight of layer.weights) {
      const values = weight.read().dataSync();
      const f32 = values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
      hash.update(float32LeBytes(f32));
    }
  }
  return hash.digest('hex');
}

/** SHA-256 identifying a GraphModel's weights: its weight shard bytes, in manifest order. */
export function shardsSha256(shards: Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const shard of shards) hash.update(shard);
  return hash.digest('hex');
}
