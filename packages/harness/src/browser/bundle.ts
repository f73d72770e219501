/**
 * Bundles the user's pipeline module for the page with esbuild, together with the harness's page
 * runtime. tfjs is resolved to one copy (the harness's), so the pipeline and the runtime share the
 * same engine and `tf.memory()` in the page counts the pipeline's tensors.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { BrowserBundleError } from '../errors.js';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

/** The bundle's entry: the runtime, installed with the user's module. */
const ENTRY = "import * as pipeline from 'prepguard:pipeline';\nimport { install } from 'prepguard:runtime';\ninstall(pipeline);\n";

function virtualModules(pipelineFile: string): Plugin {
  return {
    name: 'prepguard-virtual',
    setup(b) {
      b.onResolve({ filter: /^prepguard:pipeline$/ }, () => ({ path: pipelineFile }));
      b.onResolve({ filter: /^prepguard:runtime$/ }, () => ({ path: runtimeEntry() }));
    },
  };
}

/**
 * Node-only packages and built-ins a pipeline module (or @prepguard/preprocess, whose decoding
 * uses sharp) may import next to browser code. In the page they are stubs that throw when called,
 * so a browser pipeline that really needs them fails with a clear message.
 */
const NODE_ONLY = /^(node:.*|sharp|@tensorflow\/tfjs-node(-gpu)?)$/;

function nodeOnlyStub(): Plugin {
  return {
    name: 'prepguard-node-only',
    setup(b) {
      b.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: 'node-only' }));
      b.onLoad({ filter: /.*/, namespace: 'node-only' }, (args) => ({
        // CommonJS, so that any named import binds; each export throws only when called.
        contents:
          `const fail = () => { throw new Error(${JSON.stringify(`${args.path} is a Node package and cannot run in the browser`)}); };\n` +
          "module.exports = new Proxy(fail, { get: (_, key) => (key === '__esModule' || typeof key === 'symbol' ? undefined : fail), apply: fail });",
        loader: 'js',
      }));
    },
  };
}

/** The page runtime: compiled JS next to this file when built, the TypeScript source under jest/tsx. */
function runtimeEntry(): string {
  const built = resolve(HERE, 'page-runtime.js');
  return existsSync(built) ? built : resolve(HERE, 'page-runtime.ts');
}

/** One ES module for the page: the harness's page runtime and the user's pipeline module. */
export async function bundlePipeline(modulePath: string, cwd = process.cwd()): Promise<string> {
  const file = isAbsolute(modulePath) ? modulePath : resolve(cwd, modulePath);
  const tfjs = dirname(require.resolve('@tensorflow/tfjs/package.json'));
  try {
    const result = await build({
      stdin: { contents: ENTRY, resolveDir: dirname(file), sourcefile: 'prepguard-entry.js', loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'chrome110',
      logLevel: 'silent',
      alias: { '@tensorflow/tfjs': tfjs },
      plugins: [virtualModules(file), nodeOnlyStub()],
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    return result.outputFiles[0]!.text;
  } catch (cause) {
    const first = (cause as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
    throw new BrowserBundleError(modulePath, first ? `${first.text}${where}` : (cause as Error).message, { cause });
  }
}
