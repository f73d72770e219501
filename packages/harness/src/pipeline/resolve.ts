import { existsSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PipelineLoadError } from '../errors.js';
import type { Pipeline } from './types.js';

const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx']);

/** Splits 'path/to/module.ts#exportName' (the export defaults to `default`, then `pipeline`). */
export function parsePipelineSpec(spec: string): { path: string; exportName: string | undefined } {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0) return { path: spec, exportName: undefined };
  return { path: spec.slice(0, hash), exportName: spec.slice(hash + 1) || undefined };
}

/**
 * TypeScript modules load as they are where the runtime transforms them (jest, tsx, Node with type
 * stripping), and through tsx's API where Node refuses the extension.
 */
async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (!TS_EXTENSIONS.has(extname(file)) || (error as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}

/**
 * Loads a pipeline function from 'path/to/module.(ts|mjs|cjs|js)#exportName'. CommonJS modules
 * expose `module.exports` as the default export, so both `exports.fn` and `module.exports = fn` work.
 */
export async function loadPipeline(spec: string, cwd = process.cwd()): Promise<Pipeline> {
  const { path, exportName } = parsePipelineSpec(spec);
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  if (!existsSync(file)) throw new PipelineLoadError(spec, `module not found at ${file}`);
  let ns: Record<string, unknown>;
  try {
    ns = await importModule(file);
  } catch (cause) {
    throw new PipelineLoadError(spec, `importing the module failed: ${(cause as Error).message}`, { cause });
  }
  const cjs = (ns.default ?? {}) as Record<string, unknown>;
  const names = exportName ? [exportName] : ['default', 'pipeline'];
  for (const name of names) {
    const candidate = ns[name] ?? (typeof cjs === 'object' || typeof cjs === 'function' ? cjs[name] : undefined);
    if (typeof candidate === 'function') return candidate as Pipeline;
  }
  const exported = [...new Set([...Object.keys(ns), ...(cjs && typeof cjs === 'object' ? Object.keys(cjs) : [])])];
  throw new PipelineLoadError(
    spec,
    `no function export ${names.map((n) => `"${n}"`).join(' or ')} (exports: ${exported.join(', ') || 'none'})`,
  );
}
