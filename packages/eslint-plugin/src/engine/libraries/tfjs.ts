// TensorFlow.js: what its calls do to pixels. Decoders and `fromPixels` produce raw RGB; arithmetic, `reverse`,
// `split`/`stack` and the resize ops transform the abstract value; model loaders hand over to the model resolver.
import { ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import { mergeChannelWrites, type ChannelWrite } from '../channel-writes.js';
import { joinValues, pixels, type LoadIssue, type PixelValue, type Value } from '../domain.js';
import type { Env, Evaluator } from '../evaluator.js';
import type { FileContext } from '../file-context.js';
import type { LibraryCall } from '../library-calls.js';
import { recognizeFromIdentifier } from '../model-families.js';
import { isFunctionNode, scopeOf, unwrap } from '../scope.js';
import { applyArith, applyFlip, type ArithOp } from '../transfer.js';

/** Tensor methods that keep the pixel values (shape/dtype/layout changes, reads). */
export const VALUE_PRESERVING_METHODS = new Set([
  'cast', 'toFloat', 'toInt', 'asType', 'expandDims', 'reshape', 'squeeze', 'clone', 'as1D', 'as2D', 'as3D', 'as4D',
  'as5D', 'flatten', 'dataSync', 'arraySync', 'data', 'array', 'slice', 'transpose', 'resizeBilinear',
  'resizeNearestNeighbor', 'buffer', 'toTensor', 'then',
]);
export const ARITH_METHODS: Record<string, ArithOp> = { div: 'div', divNoNan: 'div', mul: 'mul', sub: 'sub', add: 'add' };

export class TfjsSemantics {
  constructor(private readonly ev: Evaluator) {}

  /** A call into tfjs (`tf.browser.fromPixels`, `tf.div`, `tf.loadLayersModel`, ...). */
  call(node: TSESTree.CallExpression | TSESTree.NewExpression, lib: LibraryCall, file: FileContext, env: Env): Value | undefined {
    const { args, arg, evalArg } = this.ev.callArguments(node, file, env);
  switch (lib.name) {
    case 'loadLayersModel':
    case 'loadGraphModel':
    case 'loadModel':
      return this.ev.models.loadedModel(arg(0), file, env);
    case 'browser.fromPixels':
    case 'browser.fromPixelsAsync':
      return pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 3 });
    case 'node.decodeImage':
    case 'node.decodeJpeg':
    case 'node.decodePng':
    case 'node.decodeBmp':
    case 'decodeJpeg': {
      const encoded = evalArg(0);
      const issues = encoded?.kind === 'encoded' ? encoded.loadIssues : [];
      const channels = this.ev.staticValue(arg(1), file);
      const dct = lib.name === 'node.decodeJpeg' ? this.ev.staticValue(arg(6), file) : undefined;
      const decodeIssue: LoadIssue = {
        kind: 'decode',
        node,
        file: file.filename,
        facts: {
          api: lib.name,
          channels: typeof channels === 'number' ? channels : lib.name === 'decodeJpeg' ? 3 : undefined,
          dctMethod: typeof dct === 'string' ? dct : undefined,
        },
      };
      return pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 3, loadIssues: [...issues, decodeIssue] });
    }
    case 'tidy': {
      const fn = arg(1) ?? arg(0);
      const callback = fn && unwrap(fn);
      return isFunctionNode(callback) ? this.ev.returnedValue(callback, file, env) : undefined;
    }
    case 'tensor':
    case 'tensor1d':
    case 'tensor2d':
    case 'tensor3d':
    case 'tensor4d': {
      const data = evalArg(0);
      if (data?.kind !== 'pixels') return undefined;
      const rank = lib.name === 'tensor' ? undefined : Number(lib.name.slice(-2, -1));
      return { ...data, rank, elementOffset: undefined };
    }
    case 'cast':
    case 'expandDims':
    case 'reshape':
    case 'squeeze':
    case 'transpose':
    case 'clone': {
      const value = evalArg(0);
      if (value?.kind !== 'pixels') return undefined;
      if (lib.name === 'expandDims') return { ...value, rank: value.rank === undefined ? undefined : value.rank + 1 };
      return lib.name === 'reshape' || lib.name === 'squeeze' ? { ...value, rank: undefined } : value;
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
    case 'divNoNan': {
      const a = arg(0);
      const b = arg(1);
      if (!a || !b) return undefined;
      return this.ev.arithmetic(a, b, ARITH_METHODS[lib.name] as ArithOp, node, file, env);
    }
    case 'reverse': {
      const value = evalArg(0);
      const input = arg(0);
      return value?.kind === 'pixels' && input ? this.reverse(value, arg(1), node, input, file) : undefined;
    }
    case 'image.resizeBilinear':
    case 'image.resizeNearestNeighbor': {
      const value = evalArg(0);
      if (value?.kind !== 'pixels') return undefined;
      return this.withIssue(value, this.tfResizeIssue(lib.name.slice(6), arg(2), arg(3), node, file));
    }
    case 'split':
    case 'unstack': {
      const value = evalArg(0);
      if (value?.kind !== 'pixels') return undefined;
      const axis = this.ev.staticValue(arg(lib.name === 'split' ? 2 : 1), file);
      const count = lib.name === 'split' ? this.ev.staticValue(arg(1), file) : 3;
      const lastAxis = axis === -1 || (value.rank !== undefined && axis === value.rank - 1);
      if (!lastAxis || count !== 3) return undefined;
      return { kind: 'channels', of: value, indices: [0, 1, 2], splitNode: node, file: file.filename };
    }
    case 'stack':
    case 'concat':
      return this.stackChannels(node, arg(0), arg(1), file, env);
    default:
      return undefined;
  }
  }

  tensorMethod(
    node: TSESTree.CallExpression,
    method: string,
    receiver: PixelValue,
    file: FileContext,
    env: Env,
  ): Value | undefined {
    const callee = node.callee as TSESTree.MemberExpression;
    const args = node.arguments;
    const op = ARITH_METHODS[method];
    if (op) {
      if (!args[0]) return undefined;
      return applyArith(receiver, op, this.ev.operandOf(args[0], file, env), { node, file: file.filename, input: callee.object });
    }
    if (method === 'reverse') return this.reverse(receiver, args[0], node, callee.object, file);
    if (method === 'map' && args[0]) {
      const mapper = this.ev.functionTarget(args[0], file, env);
      return mapper ? this.ev.mapElements(receiver, mapper.fn, mapper.file, file) : undefined;
    }
    if (method === 'resizeBilinear' || method === 'resizeNearestNeighbor') {
      return this.withIssue(receiver, this.tfResizeIssue(method, args[1], args[2], node, file));
    }
    if (method === 'expandDims') return { ...receiver, rank: receiver.rank === undefined ? undefined : receiver.rank + 1 };
    if (method === 'squeeze' || method === 'reshape' || method === 'flatten' || method === 'dataSync' || method === 'data') {
      return { ...receiver, rank: undefined };
    }
    if (VALUE_PRESERVING_METHODS.has(method)) return receiver;
    return undefined;
  }

  reverse(value: PixelValue, axisNode: TSESTree.Node | undefined, node: TSESTree.Node, input: TSESTree.Node, file: FileContext): PixelValue {
    const scope = scopeOf(file, node);
    const axisValue = axisNode && scope ? ASTUtils.getStaticValue(axisNode, scope)?.value : undefined;
    const axis = Array.isArray(axisValue) && axisValue.length === 1 ? axisValue[0] : axisValue;
    if (typeof axis !== 'number') return { ...value, order: 'unknown' };
    const isChannelAxis = axis === -1 || (value.rank !== undefined && axis === value.rank - 1);
    if (isChannelAxis) return applyFlip(value, { node, file: file.filename, input });
    if (value.rank === undefined) return { ...value, order: 'unknown' };
    return value; // a spatial flip
  }

  withIssue(value: PixelValue, issue: LoadIssue | undefined): PixelValue {
    return issue ? { ...value, loadIssues: [...value.loadIssues, issue] } : value;
  }

  tfResizeIssue(
    method: string,
    alignCorners: TSESTree.Node | undefined,
    halfPixelCenters: TSESTree.Node | undefined,
    node: TSESTree.Node,
    file: FileContext,
  ): LoadIssue {
    return {
      kind: 'tfResize',
      node,
      file: file.filename,
      facts: {
        kernel: method === 'resizeBilinear' ? 'bilinear' : 'nearest',
        alignCorners: this.ev.staticValue(alignCorners, file) === true,
        halfPixelCenters: this.ev.staticValue(halfPixelCenters, file) === true,
      },
    };
  }

  stackChannels(
    node: TSESTree.Node,
    list: TSESTree.Node | undefined,
    axisNode: TSESTree.Node | undefined,
    file: FileContext,
    env: Env,
  ): Value | undefined {
    if (!list) return undefined;
    const axis = this.ev.staticValue(axisNode, file);
    const listValue = list.type === 'ArrayExpression' ? undefined : this.ev.evaluate(list, file, env);
    if (listValue?.kind === 'channels') {
      if (axis !== -1 && !(listValue.of.rank !== undefined && axis === listValue.of.rank - 1)) return undefined;
      const writes: ChannelWrite[] = listValue.indices.map((inChannel, outChannel) => ({ outChannel, inChannel, value: listValue.of }));
      const split = listValue.splitNode.type === 'CallExpression' ? listValue.splitNode.arguments[0] : undefined;
      return mergeChannelWrites(writes, node, file.filename, split && split.type !== 'SpreadElement' ? split : undefined);
    }
    // A batch: tf.stack(images) / tf.concat([a, b]) of whole images.
    if (listValue?.kind === 'pixels') return listValue;
    if (list.type === 'ArrayExpression' && list.elements.length > 0) {
      const elements = list.elements.map((e) => (e && e.type !== 'SpreadElement' ? this.ev.evaluate(e, file, env) : undefined));
      if (elements.every((e) => e?.kind === 'pixels')) {
        const joined = elements.reduce<Value | undefined>((a, b) => joinValues(a, b), elements[0]);
        return joined?.kind === 'pixels' ? { ...joined, rank: joined.rank === undefined ? undefined : joined.rank + 1 } : undefined;
      }
    }
    if (list.type !== 'ArrayExpression' || list.elements.length !== 3) return undefined;
    const writes: ChannelWrite[] = [];
    let of: PixelValue | undefined;
    for (const [outChannel, element] of list.elements.entries()) {
      if (!element || element.type === 'SpreadElement') return undefined;
      const value = this.ev.evaluate(element, file, env);
      if (value?.kind !== 'channel') return undefined;
      of ??= value.of;
      writes.push({ outChannel, inChannel: value.index, value: value.of });
    }
    if (!of || (axis !== -1 && !(of.rank !== undefined && axis === of.rank - 1))) return undefined;
    return mergeChannelWrites(writes, node, file.filename);
  }

  preprocessMode(options: TSESTree.Node | undefined, file: FileContext): string {
    const value = this.ev.staticValue(options, file) as { mode?: unknown; model?: unknown } | undefined;
    if (value && typeof value.mode === 'string') return value.mode;
    if (value && typeof value.model === 'string') {
      const recognized = recognizeFromIdentifier(value.model);
      if (recognized?.kind === 'family') return recognized.info.mode;
    }
    return 'unknown';
  }
}
