// Finds calls into the libraries the engine understands, whatever the import style
// (`import * as tf`, named imports, default imports, `require`, a global `tf` from a script tag).
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { DECODER_CALLS } from './libraries/decoders.js';
import { JIMP_FUNCTIONS, JIMP_PACKAGES } from './libraries/jimp.js';

export type Library = 'tfjs' | 'sharp' | 'prepguard' | 'tfjs-models' | 'jimp' | 'decoder';

export interface LibraryCall {
  library: Library;
  /** Dotted path below the module: `browser.fromPixels`, `loadLayersModel`, `preprocessInput`, `load`. */
  name: string;
  /** The package the call comes from (for tfjs-models: which model). */
  packageName: string;
}

const TFJS_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-react-native',
];

/** tfjs functions the engine has transfer functions for. */
const TFJS_FUNCTIONS = [
  'loadLayersModel',
  'loadGraphModel',
  'loadModel', // the tfjs 0.x name of loadLayersModel, still in many tutorials
  'browser.fromPixels',
  'browser.fromPixelsAsync',
  'node.decodeImage',
  'node.decodeJpeg',
  'node.decodePng',
  'node.decodeBmp',
  'decodeJpeg',
  'tidy',
  'scalar',
  'tensor',
  'tensor1d',
  'tensor2d',
  'tensor3d',
  'tensor4d',
  'stack',
  'unstack',
  'split',
  'concat',
  'reverse',
  'cast',
  'expandDims',
  'reshape',
  'squeeze',
  'transpose',
  'clone',
  'add',
  'sub',
  'mul',
  'div',
  'divNoNan',
  'image.resizeBilinear',
  'image.resizeNearestNeighbor',
];

/** tfjs-models packages that take images; their loaders return models that normalize internally. */
export const TFJS_MODEL_PACKAGES: Record<string, string[]> = {
  '@tensorflow-models/mobilenet': ['load'],
  '@tensorflow-models/coco-ssd': ['load'],
  '@tensorflow-models/posenet': ['load'],
  '@tensorflow-models/body-pix': ['load'],
  '@tensorflow-models/blazeface': ['load'],
  '@tensorflow-models/deeplab': ['load'],
  '@tensorflow-models/facemesh': ['load'],
  '@tensorflow-models/handpose': ['load'],
  '@tensorflow-models/pose-detection': ['createDetector'],
  '@tensorflow-models/hand-pose-detection': ['createDetector'],
  '@tensorflow-models/face-detection': ['createDetector'],
  '@tensorflow-models/face-landmarks-detection': ['createDetector', 'load'],
  '@tensorflow-models/body-segmentation': ['createSegmenter'],
  '@tensorflow-models/depth-estimation': ['createEstimator'],
};

const PREPGUARD_FUNCTIONS = ['preprocessInput', 'loadImg', 'imgToArray'];

// eslint-utils trace maps: nested objects with symbol-keyed leaves.
type TraceMap = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function traceMapFor(paths: string[], library: Library, packageName: string): TraceMap {
  const root: Record<string, unknown> = {};
  for (const dotted of paths) {
    let node = root;
    for (const part of dotted.split('.')) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    (node as Record<symbol, LibraryCall>)[ASTUtils.ReferenceTracker.CALL] = { library, name: dotted, packageName };
  }
  return root as TraceMap;
}

function moduleTraceMap(): TraceMap {
  const map: Record<string, unknown> = {};
  for (const pkg of TFJS_PACKAGES) map[pkg] = traceMapFor(TFJS_FUNCTIONS, 'tfjs', pkg);
  for (const [pkg, loaders] of Object.entries(TFJS_MODEL_PACKAGES)) map[pkg] = traceMapFor(loaders, 'tfjs-models', pkg);
  map['@prepguard/preprocess'] = traceMapFor(PREPGUARD_FUNCTIONS, 'prepguard', '@prepguard/preprocess');
  const sharp: Record<symbol, LibraryCall> = {};
  sharp[ASTUtils.ReferenceTracker.CALL] = { library: 'sharp', name: 'sharp', packageName: 'sharp' };
  sharp[ASTUtils.ReferenceTracker.CONSTRUCT] = { library: 'sharp', name: 'sharp', packageName: 'sharp' };
  map['sharp'] = sharp;
  for (const [pkg, calls] of Object.entries(DECODER_CALLS)) map[pkg] = traceMapFor(calls, 'decoder', pkg);
  for (const pkg of JIMP_PACKAGES) {
    const jimp = traceMapFor(JIMP_FUNCTIONS, 'jimp', pkg) as Record<string | symbol, unknown>;
    // `new Jimp(w, h, cb)` / `new Jimp.Jimp(...)`
    jimp[ASTUtils.ReferenceTracker.CONSTRUCT] = { library: 'jimp', name: 'new', packageName: pkg };
    (jimp.Jimp as Record<symbol, unknown>)[ASTUtils.ReferenceTracker.CONSTRUCT] = { library: 'jimp', name: 'new', packageName: pkg };
    map[pkg] = jimp;
  }
  return map as TraceMap;
}

const MODULE_TRACE_MAP = moduleTraceMap();
const GLOBAL_TRACE_MAP = { tf: traceMapFor(TFJS_FUNCTIONS, 'tfjs', 'tf') } as TraceMap;

export function findLibraryCalls(scopeManager: TSESLint.Scope.ScopeManager): Map<TSESTree.Node, LibraryCall> {
  const calls = new Map<TSESTree.Node, LibraryCall>();
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return calls;
  const tracker = new ASTUtils.ReferenceTracker(withImplicitGlobals(globalScope), { mode: 'legacy' });
  const found = [
    ...tracker.iterateEsmReferences(MODULE_TRACE_MAP),
    ...tracker.iterateCjsReferences(MODULE_TRACE_MAP),
    ...tracker.iterateGlobalReferences(GLOBAL_TRACE_MAP),
  ];
  for (const ref of found) calls.set(ref.node, ref.info as LibraryCall);
  return calls;
}

const IMPLICIT_GLOBALS = ['require', 'tf'];

/**
 * ReferenceTracker only follows globals that the config declares. Browser pages get `tf` from a script tag and
 * ESM-configured files still call `require`, often without `globals` set up, so undeclared uses of those two
 * names are presented as globals too. The real scope is not modified (other rules, e.g. no-undef, still see
 * them as undeclared).
 */
function withImplicitGlobals(globalScope: TSESLint.Scope.Scope): TSESLint.Scope.Scope {
  const missing = IMPLICIT_GLOBALS.filter((name) => !globalScope.set.has(name));
  const through = globalScope.through.filter((ref) => missing.includes(ref.identifier.name));
  if (through.length === 0) return globalScope;
  const set = new Map<string, TSESLint.Scope.Variable>(globalScope.set as Map<string, TSESLint.Scope.Variable>);
  for (const name of missing) {
    const references = through.filter((ref) => ref.identifier.name === name);
    if (references.length > 0) set.set(name, { name, defs: [], references, identifiers: [] } as unknown as TSESLint.Scope.Variable);

  }
  return Object.create(globalScope, { set: { value: set } }) as TSESLint.Scope.Scope;
}
