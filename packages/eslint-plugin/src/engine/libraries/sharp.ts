// sharp (libvips for Node): a pipeline built by chained calls that yields raw pixels (`.raw().toBuffer()`) or
// encoded bytes. What the engine records are the steps where it departs from keras.utils.load_img: the input
// (ICC conversion, EXIF rotation), `resize` (crop by default, lanczos3), and whether the output is raw.
import type { TSESTree } from '@typescript-eslint/utils';
import { pixels, type LoadIssue, type SharpValue, type Value } from '../domain.js';
import { propertyName, unwrap } from '../scope.js';

/** The static value of an expression (a number, string, object, ...), or undefined. */
export type StaticReader = (node: TSESTree.Node | undefined) => unknown;

/** Encoders: the pipeline then yields encoded bytes, not raw pixels. */
const OUTPUT_FORMATS = new Set(['jpeg', 'png', 'webp', 'avif', 'tiff', 'gif', 'heif', 'jp2', 'jxl']);

function argument(args: readonly TSESTree.CallExpressionArgument[], i: number): TSESTree.Node | undefined {
  const a = args[i];
  return a && a.type !== 'SpreadElement' ? a : undefined;
}

/**
 * Options of a call, read entry by entry so one dynamic entry (`width: size`) does not hide the static ones
 * (`fit: 'fill'`); `sharp.fit.cover` / `sharp.kernel.nearest` read as their names.
 */
function options(node: TSESTree.Node | undefined, read: StaticReader): Record<string, unknown> | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type !== 'ObjectExpression') {
    const value = read(inner);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  }
  const out: Record<string, unknown> = {};
  for (const prop of inner.properties) {
    if (prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier') continue;
    const value = unwrap(prop.value);
    const known = read(value);
    if (known !== undefined) out[prop.key.name] = known;
    else if (value.type === 'MemberExpression' && value.object.type === 'MemberExpression' && ['fit', 'kernel'].includes(propertyName(value.object) ?? '')) {
      out[prop.key.name] = propertyName(value); // sharp.fit.cover
    } else out[prop.key.name] = DYNAMIC;
  }
  return out;
}

/** An option present with a value the engine cannot read. */
const DYNAMIC = Symbol('dynamic');

export function sharpConstructor(node: TSESTree.CallExpression | TSESTree.NewExpression, read: StaticReader, file: string): SharpValue {
  const opts = [argument(node.arguments, 1), argument(node.arguments, 0)]
    .map((a) => options(a, read))
    .find((o) => o !== undefined);
  const issues: LoadIssue[] = [];
  const rawInput = opts?.raw !== undefined || opts?.create !== undefined;
  if (!rawInput) issues.push({ kind: 'sharpInput', node, file, facts: { ignoreIcc: opts?.ignoreIcc === true } });
  if (opts?.autoOrient === true) issues.push({ kind: 'autoOrient', node, file, facts: {} });
  return { kind: 'sharp', raw: false, loadIssues: issues, resized: false, ignoreIcc: opts?.ignoreIcc === true };
}

export function sharpMethod(node: TSESTree.CallExpression, method: string, pipeline: SharpValue, read: StaticReader, file: string): Value | undefined {
  const args = node.arguments;
  switch (method) {
    case 'resize': {
      const first = argument(args, 0);
      const third = argument(args, 2);
      const firstValue = first && unwrap(first).type === 'ObjectExpression' ? undefined : read(first);
      const secondValue = read(argument(args, 1));
      const opts = (first && unwrap(first).type === 'ObjectExpression' ? options(first, read) : options(third, read)) ?? {};
      const present = (v: unknown) => v !== undefined && v !== null;
      // resize(w, h, opts) / resize({ width, height, ... }); a dynamic size still names both sides.
      const positional = first !== undefined && unwrap(first).type !== 'ObjectExpression';
      const bothSides = positional ? args.length >= 2 && (firstValue !== null && secondValue !== null) : present(opts.width) && present(opts.height);
      const unknownOptions = third !== undefined && unwrap(third).type !== 'ObjectExpression' && read(third) === undefined;
      const fact = (v: unknown) => (typeof v === 'string' ? v : v === DYNAMIC || unknownOptions ? '?' : undefined);
      const issue: LoadIssue = { kind: 'sharpResize', node, file, facts: { bothSides, fit: fact(opts.fit), kernel: fact(opts.kernel) } };
      return { ...pipeline, resized: true, loadIssues: [...pipeline.loadIssues, issue] };
    }
    case 'rotate':
    case 'autoOrient':
      if (method === 'rotate' && args.length > 0) return pipeline;
      return { ...pipeline, loadIssues: [...pipeline.loadIssues, { kind: 'autoOrient', node, file, facts: {} }] };
    case 'raw':
      return { ...pipeline, raw: true };
    case 'toFormat':
      return { ...pipeline, raw: read(argument(args, 0)) === 'raw' };
    case 'toBuffer': {
      const opts = options(argument(args, 0), read);
      if (!pipeline.raw) return { kind: 'encoded', loadIssues: pipeline.loadIssues };
      const data = pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 1, loadIssues: pipeline.loadIssues });
      if (opts?.resolveWithObject === true) return { kind: 'object', props: new Map([['data', () => data]]) };
      return data;
    }
    case 'toFile':
    case 'metadata':
    case 'stats':
      return undefined;
    default:
      if (OUTPUT_FORMATS.has(method)) return { ...pipeline, raw: false };
      // removeAlpha, toColourspace, extract, flatten, greyscale, ...: still the same pipeline
      return pipeline;
  }
}
