import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelLoadError } from '../errors.js';

export type ModelKind = 'layers' | 'graph';

export interface ModelJson {
  format?: string;
  modelTopology?: unknown;
  weightsManifest?: tf.io.WeightsManifestConfig;
  [key: string]: unknown;
}

/** Reads model.json; a missing or corrupt file is a ModelLoadError naming it. */
export function readModelJson(path: string): ModelJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ModelLoadError(path, code === 'ENOENT' ? 'model.json not found' : `cannot be read (${code})`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ModelLoadError(path, `is not valid JSON (${(cause as Error).message}); is the export complete?`, { cause });
  }
  if (typeof json !== 'object' || json === null || !('modelTopology' in json)) {
    throw new ModelLoadError(path, 'is not a TF.js model.json (no "modelTopology")');
  }
  const topology = (json as ModelJson).modelTopology;
  if (typeof topology !== 'object' || topology === null || Array.isArray(topology)) {
    throw new ModelLoadError(path, `is not a TF.js model.json ("modelTopology" is ${topology === null ? 'null' : Array.isArray(topology) ? 'an array' : typeof topology}, not an object)`);
  }
  const manifest = (json as ModelJson).weightsManifest;
  if (manifest !== undefined && !Array.isArray(manifest)) {
    throw new ModelLoadError(path, '"weightsManifest" is not an array');
  }
  return json as ModelJson;
}

/** LayersModel or GraphModel, from the `format` field, or from the topology's shape for older exports. */
export function detectModelKind(json: ModelJson): ModelKind {
  if (json.format === 'layers-model') return 'layers';
  if (json.format === 'graph-model') return 'graph';
  const topology = json.modelTopology as Record<string, unknown> | null;
  if (topology && ('node' in topology || 'library' in topology || 'versions' in topology)) return 'graph';
  return 'layers';
}

/** Reads every weight shard in manifest order; a missing shard is a ModelLoadError naming it. */
export function readWeightShards(modelJsonPath: string, manifest: tf.io.WeightsManifestConfig): Uint8Array[] {
  const dir = dirname(resolve(modelJsonPath));
  const shards: Uint8Array[] = [];
  for (const group of manifest) {
    for (const path of group.paths) {
      const file = join(dir, path);
      try {
        shards.push(readFileSync(file));
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        throw new ModelLoadError(
          file,
          code === 'ENOENT' ? `weight shard listed in ${modelJsonPath} is missing` : `weight shard cannot be read (${code})`,
          { cause },
        );
      }
    }
  }
  return shards;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * A tfjs IOHandler reading model.json and its shards from the file system, so models load in
 * Node without @tensorflow/tfjs-node (whose `file://` handler is the only built-in one).
 */
export function fileSystemLoader(modelJsonPath: string): tf.io.IOHandler & { shards?: Uint8Array[] } {
  const handler: tf.io.IOHandler & { shards?: Uint8Array[] } = {
    load: async () => {
      const json = readModelJson(modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json as unknown as tf.io.ModelJSON, async (manifest) => {
        const shards = readWeightShards(modelJsonPath, manifest);
        handler.shards = shards;
        const bytes = concatBytes(shards);
        const specs = manifest.flatMap((group) => group.weights);
        return [specs, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer];
      });
    },
  };
  return handler;
}

/**
 * A tfjs IOHandler writing model.json plus one weight shard into `dir`
 * (for tests and for `model.save()` in Node without tfjs-node).
 */
export function fileSystemSaver(dir: string): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      mkdirSync(dir, { recursive: true });
      const data = artifacts.weightData;
      const buffers: ArrayBuffer[] = data === undefined ? [] : Array.isArray(data) ? data : [data];
      const bytes = concatBytes(buffers.map((b) => new Uint8Array(b)));
      const shard = 'group1-shard1of1.bin';
      writeFileSync(join(dir, shard), bytes);
      const json = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [shard], weights: artifacts.weightSpecs ?? [] }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}
