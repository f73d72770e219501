/**
 * The jest transform of `@prepguard/harness/jest-preset`: compiles TypeScript, JSX and ES modules
 * with esbuild (already installed with the harness, through tsx), so a project's jest runs the
 * harness (an ES module package) and a TypeScript pipeline without any Babel or swc set-up.
 *
 * Plain `jest` runs every file as CommonJS (the `vm` modules that native ESM needs are behind
 * `--experimental-vm-modules`), so ES modules become CommonJS here: `import()` becomes `require()`
 * and `import.meta.url` is computed from `__filename`. Under `--experimental-vm-modules`, jest asks
 * for ES modules (`supportsStaticESM`) and only the TypeScript/JSX syntax is removed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { transformSync, version as esbuildVersion, type Loader } from 'esbuild';

/** The part of jest's transform options this transform reads. */
interface JestTransformOptions {
  supportsStaticESM?: boolean;
}

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
};

const IMPORT_META_URL = '__prepguard_import_meta_url';

const HARNESS_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

function process(source: string, filename: string, options: JestTransformOptions = {}): { code: string; map: string } {
  const esm = options.supportsStaticESM === true;
  const result = transformSync(source, {
    loader: LOADERS[extname(filename)] ?? 'js',
    sourcefile: filename,
    sourcemap: 'external',
    target: 'node20',
    format: esm ? 'esm' : 'cjs',
    // Keep class and function names: error messages and jest's output show them.
    keepNames: true,
    ...(esm
      ? {}
      : {
          supported: { 'dynamic-import': false },
          define: { 'import.meta.url': IMPORT_META_URL },
          banner: `var ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`,
        }),
  });
  return { code: result.code, map: result.map };
}

function getCacheKey(source: string, filename: string, options: JestTransformOptions = {}): string {
  return createHash('sha256')
    .update([HARNESS_VERSION, esbuildVersion, options.supportsStaticESM === true ? 'esm' : 'cjs', filename, source].join('\0'))
    .digest('hex');
}

export = { process, getCacheKey };
