// The pixel-domain interpreter, the engine's data-flow core: evaluates an expression to an abstract Value by
// following its data flow (variables in order, element and property writes, pushes, callbacks, local, imported
// and page-global functions, React state). What a library call does lives in libraries/*.ts, which model a call
// runs in models.ts, class members in classes.ts, branches ruled out by arguments in branches.ts.
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { reachable } from './branches.js';
import { mergeChannelWrites, type ChannelWrite } from './channel-writes.js';
import { ClassMembers } from './classes.js';
import type { Operand } from './constants.js';
import { joinValues, pixels, type PixelValue, type Value } from './domain.js';
import { importTarget, type ExportTarget } from './exports.js';
import type { FileContext } from './file-context.js';
import { imageData, isPixelRead } from './libraries/canvas.js';
import { decodedImage } from './libraries/decoders.js';
import { jimpCall, jimpImage, jimpMethod, jimpProperty } from './libraries/jimp.js';
import { classStateWrites, isClassStateRead, useStateWrites } from './libraries/react.js';
import { sharpConstructor, sharpMethod, type StaticReader } from './libraries/sharp.js';
import { ARITH_METHODS, TfjsSemantics, VALUE_PRESERVING_METHODS } from './libraries/tfjs.js';
import type { LibraryCall } from './library-calls.js';
import { tfjsModelsInfo, type UserModelSetting } from './model-families.js';
import { ModelResolver } from './models.js';
import { pageGlobal } from './page-scripts.js';
import {
  contains,
  enclosingFunction,
  inExclusiveBranches,
  indexOffset,
  isConditionalRelativeTo,
  isFunctionNode,
  propertyName,
  scopeOf,
  unwrap,
  variableOf,
  type FunctionNode,
} from './scope.js';
import { applyArith, applyPreprocessInput, type ArithOp } from './transfer.js';

export interface EngineSettings {
  models: readonly UserModelSetting[];
}

type Thunk = () => Value | undefined;
export interface Env {
  bindings: Map<TSESLint.Scope.Variable, Thunk>;
  /** The argument expression each bound parameter got, for constant folding (`if (mode === 'vgg')`). */
  args?: Map<TSESLint.Scope.Variable, { node: TSESTree.Node | undefined; file: FileContext; env: Env }>;
}
export const EMPTY_ENV: Env = { bindings: new Map() };

const BINARY_OPS: Record<string, ArithOp> = { '/': 'div', '*': 'mul', '-': 'sub', '+': 'add' };
const INTEGER_TRUNCATIONS = new Set(['>>', '|', '>>>']);
/** `Math.round(v)` and friends keep the range of a pixel value. */
const ROUNDING_FUNCTIONS = new Set(['round', 'floor', 'ceil', 'trunc', 'fround']);
const COMPOUND_OPS: Record<string, ArithOp> = { '/=': 'div', '*=': 'mul', '-=': 'sub', '+=': 'add' };
const TYPED_ARRAYS = new Set([
  'Float32Array', 'Float64Array', 'Uint8Array', 'Uint8ClampedArray', 'Int32Array', 'Int16Array', 'Uint16Array', 'Array',
]);
const ELEMENT_CALLBACK_METHODS = new Set(['map', 'forEach']);

const MAX_DEPTH = 60;
// Per linted file: bounds the cost of pathological files (bundles); past it the engine knows nothing.
const MAX_STEPS = 20_000;

export class Evaluator {
  /** Functions whose parameters were read without a binding during the last top-level evaluations. */
  readonly unboundFunctions = new Set<FunctionNode>();
  private depth = 0;
  private budget = MAX_STEPS;
  private readonly active = new Map<TSESTree.Node, Set<Env>>();
  /** The concepts the core delegates to: which model a call runs, class members, what tfjs calls do. */
  readonly models = new ModelResolver(this);
  readonly classes = new ClassMembers(this);
  readonly tfjs = new TfjsSemantics(this);
  private readonly returnsCache = new Map<FunctionNode, TSESTree.Node[]>();

  constructor(
    readonly root: FileContext,
    readonly settings: EngineSettings,
  ) {}

  evaluate(node: TSESTree.Node, file: FileContext, env: Env): Value | undefined {
    if (this.depth >= MAX_DEPTH || this.budget-- <= 0) return undefined;
    let envs = this.active.get(node);
    if (envs?.has(env)) return undefined; // a cycle: know nothing rather than loop
    if (!envs) this.active.set(node, (envs = new Set()));
    envs.add(env);
    this.depth++;
    try {
      return this.evaluateNode(unwrap(node), file, env);
    } finally {
      this.depth--;
      envs.delete(env);
    }
  }

  private evaluateNode(node: TSESTree.Node, file: FileContext, env: Env): Value | undefined {
    switch (node.type) {
      case 'AwaitExpression':
        return this.evaluate(node.argument, file, env);
      case 'Identifier':
        return this.evaluateIdentifier(node, file, env);
      case 'CallExpression':
      case 'NewExpression':
        return this.evaluateCall(node, file, env);
      case 'MemberExpression':
        return this.evaluateMember(node, file, env);
      case 'BinaryExpression': {
        if (node.left.type === 'PrivateIdentifier') return undefined;
        // `v >> 0`, `v | 0`: integer truncation keeps the range.
        if (INTEGER_TRUNCATIONS.has(node.operator) && this.staticValue(node.right, file) === 0) return this.evaluate(node.left, file, env);
        const op = BINARY_OPS[node.operator];
        if (!op) return undefined;
        return this.arithmetic(node.left, node.right, op, node, file, env);
      }
      case 'LogicalExpression': {
        // `cached || await load()`, `a ?? b`: either side may arrive; a side we know nothing about does not veto.
        if (node.operator === '&&') return this.evaluate(node.right, file, env);
        const left = this.evaluate(node.left, file, env);
        const right = this.evaluate(node.right, file, env);
        return left && right ? joinValues(left, right) : (left ?? right);
      }
      case 'ConditionalExpression':
        return joinValues(this.evaluate(node.consequent, file, env), this.evaluate(node.alternate, file, env));
      case 'AssignmentExpression':
        return node.operator === '=' ? this.evaluate(node.right, file, env) : undefined;
      case 'SequenceExpression':
        return node.expressions.length ? this.evaluate(node.expressions[node.expressions.length - 1] as TSESTree.Node, file, env) : undefined;
      case 'ObjectExpression':
        return this.objectLiteral(node, file, env);
      default:
        return undefined;
    }
  }

  // ---------------------------------------------------------------- arithmetic

  arithmetic(
    left: TSESTree.Node,
    right: TSESTree.Node,
    op: ArithOp,
    site: TSESTree.Node,
    file: FileContext,
    env: Env,
  ): Value | undefined {
    const leftValue = this.evaluate(left, file, env);
    if (leftValue?.kind === 'pixels') {
      return applyArith(leftValue, op, this.operandOf(right, file, env), { node: site, file: file.filename, input: left });
    }
    if (leftValue?.kind === 'channel') {
      return { ...leftValue, of: applyArith(leftValue.of, op, this.operandOf(right, file, env), { node: site, file: file.filename, input: left }) };
    }
    if (op === 'mul' || op === 'add') {
      const rightValue = this.evaluate(right, file, env);
      if (rightValue?.kind === 'pixels') {
        return applyArith(rightValue, op, this.operandOf(left, file, env), { node: site, file: file.filename, input: right });
      }
    }
    return undefined;
  }

  /** A statically known number or per-channel vector: literals, consts, `tf.scalar(255)`, `tf.tensor1d(MEAN)`, `MEAN[i % 3]`. */
  operandOf(node: TSESTree.Node, file: FileContext, env: Env, depth = 0): Operand | undefined {
    if (depth > 6) return undefined;
    const inner = unwrap(node);
    const scope = scopeOf(file, inner);
    const known = scope ? ASTUtils.getStaticValue(inner, scope) : null;
    if (known) {
      const v = known.value;
      if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'scalar', value: v };
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number')) return { kind: 'vector', values: v as number[] };
      if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0])) return this.operandFromStatic(v[0]);
    }
    if (inner.type === 'CallExpression') {
      const lib = file.libraryCalls.get(inner);
      if (lib?.library === 'tfjs' && ['scalar', 'tensor', 'tensor1d'].includes(lib.name) && inner.arguments[0]) {
        return this.operandOf(inner.arguments[0], file, env, depth + 1);
      }
      // `tf.scalar(255).toFloat()` and similar
      if (inner.callee.type === 'MemberExpression' && ['toFloat', 'cast', 'reshape', 'expandDims'].includes(propertyName(inner.callee) ?? '')) {
        return this.operandOf(inner.callee.object, file, env, depth + 1);
      }
    }
    if (inner.type === 'Identifier') {
      const variable = variableOf(file, inner);
      const def = variable?.defs[0];
      if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init && def.node.id.type === 'Identifier') {
        const writes = variable?.references.filter((r) => r.isWrite()) ?? [];
        if (writes.length <= 1) return this.operandOf(def.node.init, file, env, depth + 1);
      }
      if (def?.type === 'ImportBinding' && def.parent.type === 'ImportDeclaration' && def.node.type === 'ImportSpecifier') {
        const imported = def.node.imported.type === 'Identifier' ? def.node.imported.name : String(def.node.imported.value);
        const target = importTarget(file, def.parent.source.value, imported);
        if (target?.kind === 'identifier') {
          const decl = target.id.parent;
          if (decl?.type === 'VariableDeclarator' && decl.init) return this.operandOf(decl.init, target.file, EMPTY_ENV, depth + 1);
        }
      }
    }
    // `CONFIG.scale`, `this.config.scale`: a property of a settings object literal, possibly in another module.
    if (inner.type === 'MemberExpression' && !inner.computed) {
      const name = propertyName(inner);
      const holder = name ? this.objectLiteralOf(inner.object, file, depth + 1) : undefined;
      const prop = holder?.object.properties.find((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === name);
      if (holder && prop?.type === 'Property') return this.operandOf(prop.value, holder.file, EMPTY_ENV, depth + 1);
    }
    // MEAN[i % 3]: a per-channel table indexed by the loop counter.
    if (inner.type === 'MemberExpression' && inner.computed) {
      const table = this.operandOf(inner.object, file, env, depth + 1);
      if (table?.kind === 'vector') return table;
    }
    return undefined;
  }

  /**
   * The object literal an expression names: a const initialised with one, a named import of one, or a class's
   * `this.x` assigned once to such a name. Settings objects (`const CONFIG = { scale: 255 }`) are read this way.
   */
  private objectLiteralOf(node: TSESTree.Node, file: FileContext, depth: number): { object: TSESTree.ObjectExpression; file: FileContext } | undefined {
    if (depth > 6) return undefined;
    const inner = unwrap(node);
    if (inner.type === 'ObjectExpression') return { object: inner, file };
    if (inner.type === 'MemberExpression' && inner.object.type === 'ThisExpression') {
      const name = propertyName(inner);
      const body = this.classes.enclosingClass(inner);
      const assignments = body && name ? (this.classes.thisAssignments(body, file).get(name) ?? []) : [];
      const only = assignments.length === 1 ? assignments[0] : undefined;
      return only?.type === 'AssignmentExpression' ? this.objectLiteralOf(only.right, file, depth + 1) : undefined;
    }
    if (inner.type !== 'Identifier') return undefined;
    const variable = variableOf(file, inner);
    const def = variable?.defs[0];
    if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init && def.node.id === def.name) {
      const writes = variable?.references.filter((r) => r.isWrite()) ?? [];
      return writes.length <= 1 ? this.objectLiteralOf(def.node.init, file, depth + 1) : undefined;
    }
    if (def?.type === 'ImportBinding' && def.parent.type === 'ImportDeclaration' && def.node.type === 'ImportSpecifier') {
      const imported = def.node.imported.type === 'Identifier' ? def.node.imported.name : String(def.node.imported.value);
      const target = importTarget(file, def.parent.source.value, imported);
      const decl = target?.kind === 'identifier' ? target.id.parent : undefined;
      if (target && decl?.type === 'VariableDeclarator' && decl.init) return this.objectLiteralOf(decl.init, target.file, depth + 1);
    }
    return undefined;
  }

  private operandFromStatic(v: unknown): Operand | undefined {
    return Array.isArray(v) && v.every((x) => typeof x === 'number') ? { kind: 'vector', values: v as number[] } : undefined;
  }

  // ---------------------------------------------------------------- identifiers and variables

  private evaluateIdentifier(id: TSESTree.Identifier, file: FileContext, env: Env): Value | undefined {
    const variable = variableOf(file, id);
    if (!variable || variable.defs.length === 0) return this.pageGlobalValue(id, file);
    const bound = env.bindings.get(variable);
    if (bound) return bound();
    const def = variable.defs[0];
    if (!def) return undefined;
    switch (def.type) {
      case 'Parameter':
        return this.parameterValue(variable, def.node as FunctionNode, file, env);
      case 'ImportBinding':
        return this.importedValue(def, file, id);
      case 'Variable':
        return this.variableValue(variable, id, file, env);
      default:
        return undefined;
    }
  }

  private parameterValue(variable: TSESLint.Scope.Variable, fn: FunctionNode, file: FileContext, env: Env): Value | undefined {
    const index = fn.params.findIndex((p) => {
      const target = p.type === 'AssignmentPattern' ? p.left : p;
      return target.type === 'Identifier' && target.name === variable.name;
    });
    // Element callbacks: buf.map(v => ...), Float32Array.from(buf, v => ...), buf.forEach(v => ...).
    const call = fn.parent;
    // Jimp.read(path, (err, image) => ...): the image
    const lib = call?.type === 'CallExpression' ? file.libraryCalls.get(call) : undefined;
    if (lib?.library === 'jimp' && index === 1 && call?.type === 'CallExpression' && call.arguments[call.arguments.length - 1] === fn) return jimpImage();
    if (index === 0 && call?.type === 'CallExpression' && call.callee.type === 'MemberExpression') {
      const method = propertyName(call.callee);
      // promise.then((value) => ...): the resolved value
      if (method === 'then' && call.arguments[0] === fn) return this.evaluate(call.callee.object, file, env);
      if (method && ELEMENT_CALLBACK_METHODS.has(method) && call.arguments[0] === fn) {
        return this.elementOf(this.evaluate(call.callee.object, file, env));
      }
      if (method === 'from' && call.arguments[1] === fn && call.arguments[0]) {
        return this.elementOf(this.evaluate(call.arguments[0], file, env));
      }
    }
    if (index < 0) {
      // A destructured parameter (`({ frame }) => ...`): of unknown origin, like any other parameter.
      return isFunctionNode(fn) ? pixels({ range: 'opaque', order: 'RGB' }) : undefined;
    }
    // A constructor parameter: what `new C(...)` in this file passes.
    const passed = this.classes.constructorArguments(fn, index, file);
    if (passed) return passed.map((a) => this.evaluate(a, file, EMPTY_ENV)).reduce((a, b) => joinValues(a, b));
    if (file === this.root) this.unboundFunctions.add(fn);
    // A tensor parameter of unknown origin: assume nothing about its range, but RGB like every tfjs decoder.
    return pixels({ range: 'opaque', order: 'RGB' });
  }

  /** `pixels.map(fn)` / `Float32Array.from(pixels, fn)` with `fn` inline or by reference: fn's result per element. */
  mapElements(source: PixelValue, fn: FunctionNode, fnFile: FileContext, callerFile: FileContext): Value | undefined {
    const first = fn.params[0];
    const scope = fnFile.scopeManager.acquire(fn);
    const variable = first?.type === 'Identifier' ? scope?.set.get(first.name) : undefined;
    const element = { ...source, elementOffset: 0 };
    const env: Env = { bindings: new Map(variable ? [[variable, () => element]] : []) };
    const value = this.returnedValue(fn, fnFile, env);
    return fnFile === callerFile ? value : this.crossFile(value, callerFile, fn);
  }

  private elementOf(value: Value | undefined): PixelValue | undefined {
    return value?.kind === 'pixels' ? { ...value, elementOffset: 0 } : undefined;
  }

  private importedValue(def: TSESLint.Scope.Definition, file: FileContext, site: TSESTree.Node): Value | undefined {
    const target = this.importDefinitionTarget(def, file);
    if (!target) return undefined;
    if (target.kind === 'identifier') {
      const variable = variableOf(target.file, target.id);
      return variable ? this.crossFile(this.allWritesValue(variable, target.file), file, site) : undefined;
    }
    if (target.kind === 'expression') return this.crossFile(this.evaluate(target.node, target.file, EMPTY_ENV), file, site);
    return undefined;
  }

  /** A global of a browser script declared by another script of the same page. */
  private pageGlobalValue(id: TSESTree.Identifier, file: FileContext): Value | undefined {
    const target = pageGlobal(file.filename, id.name);
    return target ? this.exportTargetValue(target, file, id) : undefined;
  }

  importDefinitionTarget(def: TSESLint.Scope.Definition, file: FileContext): ExportTarget | undefined {
    if (def.parent?.type !== 'ImportDeclaration') return undefined;
    const spec = def.node;
    const name =
      spec.type === 'ImportDefaultSpecifier'
        ? 'default'
        : spec.type === 'ImportSpecifier'
          ? spec.imported.type === 'Identifier'
            ? spec.imported.name
            : String(spec.imported.value)
          : undefined;
    return name ? importTarget(file, def.parent.source.value, name) : undefined;
  }

  /** `const { helper } = require('./helper')` / `const helper = require('./helper').helper`. */
  requireTarget(declarator: TSESTree.VariableDeclarator, id: TSESTree.Identifier, file: FileContext): ExportTarget | undefined {
    const init = declarator.init && unwrap(declarator.init);
    const isRequire = (n: TSESTree.Node | null | undefined): n is TSESTree.CallExpression =>
      n?.type === 'CallExpression' &&
      n.callee.type === 'Identifier' &&
      n.callee.name === 'require' &&
      n.arguments[0]?.type === 'Literal' &&
      typeof n.arguments[0].value === 'string';
    if (isRequire(init) && declarator.id.type === 'ObjectPattern') {
      const prop = declarator.id.properties.find((p) => p.type === 'Property' && p.value === id);
      if (prop?.type === 'Property' && !prop.computed && prop.key.type === 'Identifier') {
        return importTarget(file, (init.arguments[0] as TSESTree.StringLiteral).value, prop.key.name);
      }
    }
    if (init?.type === 'MemberExpression' && isRequire(init.object) && declarator.id === id) {
      const name = propertyName(init);
      if (name) return importTarget(file, (init.object.arguments[0] as TSESTree.StringLiteral).value, name);
    }
    return undefined;
  }

  private crossFile(value: Value | undefined, callerFile: FileContext, site: TSESTree.Node): Value | undefined {
    if (!value || value.kind !== 'pixels') return value;
    const anchor = { node: site, file: callerFile.filename };
    const reportable = (s: { file: string; anchor?: { file: string } }) =>
      s.file === callerFile.filename || s.anchor?.file === callerFile.filename;
    return {
      ...value,
      steps: value.steps.map((s) => (reportable(s) ? s : { ...s, anchor })),
      loadIssues: value.loadIssues.map((i) => (reportable(i) ? i : { ...i, anchor })),
    };
  }

  /** Value of `variable` as seen by the read `use`: the last write before it, in order. */
  private variableValue(variable: TSESLint.Scope.Variable, use: TSESTree.Identifier, file: FileContext, env: Env): Value | undefined {
    const state = useStateWrites(variable, file);
    if (state) {
      if (state.length === 0 || state.length > 3) return undefined;
      return state
        .map((w) => this.evaluate(w.kind === 'value' ? w.node : w.promise, file, env))
        .reduce((a, b) => joinValues(a, b));
    }
    const writes = variable.references.filter((r) => r.isWrite() && r.writeExpr);
    const useFn = enclosingFunction(use);
    const before = writes.filter((w) => {
      if (enclosingFunction(w.identifier) !== useFn) return false;
      if (w.identifier.range[0] > use.range[0]) return false;
      if (inExclusiveBranches(w.identifier, use)) return false; // `if (a) x = ...; else use(x)`
      const assignment = w.identifier.parent;
      return !(assignment && contains(assignment, use)); // `x = x.div(255)`: the RHS reads the previous x
    });
    let value: Value | undefined;
    let chosen: TSESLint.Scope.Reference | undefined;
    if (before.length > 0) {
      chosen = before[before.length - 1] as TSESLint.Scope.Reference;
      value = this.writeValue(chosen, before.slice(0, -1), file, env);
      if (isConditionalRelativeTo(chosen.identifier, use)) {
        const previous = before[before.length - 2];
        // `if (!model) model = await load(); return model`: when the write is skipped, an earlier run made it.
        const otherwise = previous
          ? this.writeValue(previous, before.slice(0, -2), file, env)
          : isLazyInitialization(chosen.identifier, variable.name)
            ? value
            : undefined;
        value = joinValues(value, otherwise);
      }
    } else if (writes.length > 0) {
      // Read from another function (closure, callback): any write may have happened.
      value = this.allWritesValue(variable, file, env);
    }
    value = this.applyElementWrites(variable, value, chosen, use, file, env);
    return value;
  }

  private allWritesValue(variable: TSESLint.Scope.Variable, file: FileContext, env: Env = EMPTY_ENV): Value | undefined {
    // `let model = null;` then `model = await load()` elsewhere: the placeholder is not a value that reaches a call.
    const isPlaceholder = (node: TSESTree.Node | null) =>
      !node || (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
    const writes = variable.references.filter((r) => r.isWrite() && r.writeExpr && !isPlaceholder(r.writeExpr as TSESTree.Node));
    if (writes.length === 0 || writes.length > 3) return undefined;
    return writes.map((w) => this.writeValue(w, [], file, env)).reduce((a, b) => joinValues(a, b));
  }

  private writeValue(
    write: TSESLint.Scope.Reference,
    earlier: TSESLint.Scope.Reference[],
    file: FileContext,
    env: Env,
  ): Value | undefined {
    const id = write.identifier as TSESTree.Identifier;
    const parent = id.parent;
    if (parent?.type === 'VariableDeclarator') {
      const target = this.requireTarget(parent, id, file);
      if (target) return this.exportTargetValue(target, file, id);
    }
    // `model ??= await load()`: kept from an earlier run of this very write, or made now.
    if (parent?.type === 'AssignmentExpression' && parent.left === id && (parent.operator === '??=' || parent.operator === '||=')) {
      return this.evaluate(parent.right, file, env);
    }
    if (parent?.type === 'AssignmentExpression' && parent.left === id && parent.operator !== '=') {
      const op = COMPOUND_OPS[parent.operator];
      const previous = earlier.length ? this.writeValue(earlier[earlier.length - 1] as TSESLint.Scope.Reference, earlier.slice(0, -1), file, env) : undefined;
      if (!op || previous?.kind !== 'pixels') return undefined;
      return applyArith(previous, op, this.operandOf(parent.right, file, env), { node: parent, file: file.filename, input: id });
    }
    const source = write.writeExpr as TSESTree.Node;
    // for (const x of xs) / for (const k in o): per-element values are not tracked.
    const declarator = parent?.type === 'VariableDeclarator' ? parent : undefined;
    const loop = declarator?.parent?.parent;
    if (loop?.type === 'ForOfStatement' && loop.left === declarator?.parent) {
      // for (const v of pixels): one element at a time
      return declarator?.id === id ? this.elementOf(this.evaluate(loop.right, file, env)) : undefined;
    }
    if (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') return undefined;
    const path = this.patternPath(id);
    // `const [model, meta] = await Promise.all([tf.loadLayersModel(url), fetch(metaUrl)])`: each name takes the
    // value of the promise at its position.
    const element = typeof path[0] === 'number' ? this.promiseAllElement(source, path[0]) : undefined;
    if (element) return this.project(this.evaluate(element, file, env), path.slice(1), source, file);
    const whole = this.evaluate(source, file, env);
    return this.project(whole, path, source, file);
  }

  /** The `index`-th element of `[await] Promise.all([...])`, when written out as an array literal. */
  private promiseAllElement(source: TSESTree.Node, index: number): TSESTree.Node | undefined {
    const call = source.type === 'AwaitExpression' ? source.argument : source;
    if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
    const { object, property } = call.callee;
    if (object.type !== 'Identifier' || object.name !== 'Promise' || property.type !== 'Identifier' || property.name !== 'all') return undefined;
    const list = call.arguments[0];
    const element = list?.type === 'ArrayExpression' ? list.elements[index] : undefined;
    return element && element.type !== 'SpreadElement' ? element : undefined;
  }

  private exportTargetValue(target: ExportTarget, file: FileContext, site: TSESTree.Node): Value | undefined {
    if (target.kind === 'identifier') {
      const variable = variableOf(target.file, target.id);
      return variable ? this.crossFile(this.allWritesValue(variable, target.file), file, site) : undefined;
    }
    if (target.kind === 'expression') return this.crossFile(this.evaluate(target.node, target.file, EMPTY_ENV), file, site);
    return undefined;
  }

  /** Path from a declarator/assignment target down to `id`: `{ data }` -> ['data'], `[r, g, b]` -> [0]. */
  private patternPath(id: TSESTree.Node): (string | number)[] {
    const path: (string | number)[] = [];
    let current: TSESTree.Node = id;
    while (current.parent) {
      const parent: TSESTree.Node = current.parent;
      if (parent.type === 'Property' && parent.value === current && parent.parent?.type === 'ObjectPattern') {
        const key = !parent.computed && parent.key.type === 'Identifier' ? parent.key.name : undefined;
        if (key === undefined) return ['?'];
        path.unshift(key);
        current = parent.parent;
      } else if (parent.type === 'ArrayPattern') {
        path.unshift(parent.elements.indexOf(current as TSESTree.DestructuringPattern));
        current = parent;
      } else if (parent.type === 'AssignmentPattern' && parent.left === current) {
        current = parent;
      } else break;
    }
    return path;
  }

  private project(value: Value | undefined, path: (string | number)[], site: TSESTree.Node, file: FileContext): Value | undefined {
    let current = value;
    for (const key of path) {
      if (!current) return undefined;
      if (typeof key === 'number') {
        if (current.kind !== 'channels') return undefined;
        const index = current.indices[key];
        if (index === undefined) return undefined;
        current = { kind: 'channel', of: current.of, index, splitNode: site, file: file.filename };
      } else {
        current = this.property(current, key);
      }
    }
    return current;
  }

  property(value: Value, key: string): Value | undefined {
    if (value.kind === 'object') return value.props.get(key)?.();
    if (value.kind === 'image') return jimpProperty(value, key);
    // PixelArray { data, shape } from @prepguard/preprocess, canvas ImageData.data: the same pixels.
    if (value.kind === 'pixels' && key === 'data') return value;
    return undefined;
  }

  /** `out[i] = buf[i] / 255` in a loop (or `data[i] /= 255` in place) between the variable's write and the read. */
  private applyElementWrites(
    variable: TSESLint.Scope.Variable,
    value: Value | undefined,
    chosen: TSESLint.Scope.Reference | undefined,
    use: TSESTree.Identifier,
    file: FileContext,
    env: Env,
  ): Value | undefined {
    const from = chosen ? chosen.identifier.range[1] : 0;
    const assignments: TSESTree.AssignmentExpression[] = [];
    for (const ref of variable.references) {
      const id = ref.identifier;
      if (id.range[0] < from || id.range[0] > use.range[0]) continue;
      const member = id.parent;
      if (member?.type !== 'MemberExpression' || member.object !== id || !member.computed) continue;
      const assignment = member.parent;
      if (assignment?.type === 'AssignmentExpression' && assignment.left === member && !contains(assignment, use)) {
        assignments.push(assignment);
      }
    }
    const pushed = this.pushedValues(variable, from, use, file, env);
    if (pushed) return pushed;
    const set = this.bufferSets(variable, from, use, file, env);
    if (set) return set;
    if (assignments.length === 0) return value;
    const writes: ChannelWrite[] = [];
    for (const assignment of assignments) {
      const member = assignment.left as TSESTree.MemberExpression;
      const outChannel = indexOffset(member.property);
      let written: Value | undefined;
      if (assignment.operator === '=') {
        written = this.evaluate(assignment.right, file, env);
      } else {
        const op = COMPOUND_OPS[assignment.operator];
        if (op && value?.kind === 'pixels') {
          written = applyArith({ ...value, elementOffset: outChannel }, op, this.operandOf(assignment.right, file, env), {
            node: assignment,
            file: file.filename,
          });
        }
      }
      if (written?.kind !== 'pixels' || outChannel === undefined) return value?.kind === 'pixels' ? undefined : value;
      writes.push({ outChannel, inChannel: written.elementOffset, value: written });
    }
    // Loops over RGBA data write 3 of 4 channels; anything else must cover the channels consistently.
    const site = assignments[0] as TSESTree.Node;
    return mergeChannelWrites(writes, site, file.filename);
  }

  /**
   * `buffer.set(value, ...indices)` on a `tf.buffer` (the last index is the channel), then `buffer.toTensor()`:
   * one write per channel, merged like element writes.
   */
  private bufferSets(variable: TSESLint.Scope.Variable, from: number, use: TSESTree.Identifier, file: FileContext, env: Env): Value | undefined {
    const writes: ChannelWrite[] = [];
    let site: TSESTree.Node | undefined;
    for (const ref of variable.references) {
      const id = ref.identifier;
      if (id.range[0] < from || id.range[0] > use.range[0]) continue;
      const member = id.parent;
      const call = member?.parent;
      if (member?.type !== 'MemberExpression' || member.object !== id || propertyName(member) !== 'set' || call?.type !== 'CallExpression') continue;
      const [valueArg, ...indices] = call.arguments;
      const channel = this.staticValue(indices[indices.length - 1], file);
      if (!valueArg || valueArg.type === 'SpreadElement' || typeof channel !== 'number') return undefined;
      const value = this.evaluate(valueArg, file, env);
      if (value?.kind !== 'pixels') return undefined;
      site ??= call;
      writes.push({ outChannel: channel, inChannel: value.elementOffset, value });
    }
    return site && writes.length >= 3 ? mergeChannelWrites(writes, site, file.filename) : undefined;
  }

  /** `values.push(v / 255)` into an array that is then read: the pushed element's state. */
  private pushedValues(variable: TSESLint.Scope.Variable, from: number, use: TSESTree.Identifier, file: FileContext, env: Env): Value | undefined {
    const pushes: TSESTree.CallExpression[] = [];
    for (const ref of variable.references) {
      const id = ref.identifier;
      if (id.range[0] < from || id.range[0] > use.range[0]) continue;
      const member = id.parent;
      const call = member?.parent;
      if (member?.type === 'MemberExpression' && member.object === id && propertyName(member) === 'push' && call?.type === 'CallExpression' && call.callee === member) {
        pushes.push(call);
      }
    }
    // One element per push, in order: `push(r / 255); push(g / 255); push(b / 255)` or `push(r, g, b)`.
    const elements = pushes.flatMap((call) => call.arguments);
    if (elements.length === 0 || elements.some((e) => e.type === 'SpreadElement')) return undefined;
    const values = elements.map((e) => this.evaluate(e, file, env));
    if (values.length === 1) {
      const [value] = values;
      return value?.kind === 'pixels' ? { ...value, elementOffset: undefined } : undefined;
    }
    // Three or four channel values pushed per pixel (RGB, RGBA): a per-channel write sequence.
    if (values.length !== 3 && values.length !== 4) return undefined;
    const writes: ChannelWrite[] = [];
    for (const [outChannel, value] of values.entries()) {
      if (value?.kind !== 'pixels') return undefined;
      writes.push({ outChannel, inChannel: value.elementOffset, value });
    }
    return mergeChannelWrites(writes, pushes[0] as TSESTree.Node, file.filename);
  }

  // ---------------------------------------------------------------- members, objects, classes

  private evaluateMember(node: TSESTree.MemberExpression, file: FileContext, env: Env): Value | undefined {
    if (node.object.type === 'ThisExpression') {
      const name = propertyName(node);
      if (!name) return undefined;
      const bound = this.classes.callbackThis(node.object, file, env);
      return bound ? this.property(bound, name) : this.classes.classFieldValue(node, name, file, env);
    }
    if (node.object.type === 'Identifier' && !node.computed) {
      const written = this.propertyWriteValue(node, node.object, file, env);
      if (written.found) return written.value;
    }
    if (isClassStateRead(node)) {
      const name = propertyName(node);
      const body = this.classes.enclosingClass(node);
      const sources = body && name ? classStateWrites(body, name, file) : [];
      if (sources.length === 0 || sources.length > 3) return undefined;
      return sources.map((s) => this.evaluate(s, file, env)).reduce((a, b) => joinValues(a, b));
    }
    const object = this.evaluate(node.object, file, env);
    if (!object) return undefined;
    if (node.computed && object.kind === 'pixels') {
      // buf[i + 2]: one element, with the channel it reads.
      return { ...object, elementOffset: indexOffset(node.property) };
    }
    if (node.computed && object.kind === 'channels') {
      const scope = scopeOf(file, node);
      const index = scope ? ASTUtils.getStaticValue(node.property, scope)?.value : undefined;
      const channel = typeof index === 'number' ? object.indices[index] : undefined;
      return channel === undefined ? undefined : { kind: 'channel', of: object.of, index: channel, splitNode: node, file: file.filename };
    }
    const name = propertyName(node);
    return name ? this.property(object, name) : undefined;
  }

  /**
   * `holder.prop` read after `holder.prop = value` (`pixel.r = pixel.r / 255`, `modelRef.current = await load()`):
   * the last such write before the read in the same function, else every write made elsewhere (at most three).
   */
  private propertyWriteValue(
    member: TSESTree.MemberExpression,
    holder: TSESTree.Identifier,
    file: FileContext,
    env: Env,
  ): { found: boolean; value?: Value } {
    const name = propertyName(member);
    const variable = variableOf(file, holder);
    if (!name || !variable) return { found: false };
    const writes: TSESTree.AssignmentExpression[] = [];
    for (const ref of variable.references) {
      const parent = ref.identifier.parent;
      const assignment = parent?.parent;
      if (
        parent?.type === 'MemberExpression' &&
        parent.object === ref.identifier &&
        propertyName(parent) === name &&
        assignment?.type === 'AssignmentExpression' &&
        assignment.operator === '=' &&
        assignment.left === parent
      ) {
        writes.push(assignment);
      }
    }
    if (writes.length === 0) return { found: false };
    const useFn = enclosingFunction(member);
    const before = writes.filter((w) => enclosingFunction(w) === useFn && w.range[1] <= member.range[0] && !contains(w, member));
    const last = before[before.length - 1];
    if (last) return { found: true, value: isConditionalRelativeTo(last, member) ? undefined : this.evaluate(last.right, file, env) };
    const isPlaceholder = (n: TSESTree.Node) => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
    const elsewhere = writes.filter((w) => enclosingFunction(w) !== useFn && !isPlaceholder(w.right));
    if (elsewhere.length === 0 || elsewhere.length > 3) return { found: false };
    return { found: true, value: elsewhere.map((w) => this.evaluate(w.right, file, env)).reduce((a, b) => joinValues(a, b)) };
  }

  private objectLiteral(node: TSESTree.ObjectExpression, file: FileContext, env: Env): Value {
    const props = new Map<string, Thunk>();
    for (const prop of node.properties) {
      if (prop.type !== 'Property' || prop.computed || prop.key.type !== 'Identifier') continue;
      const valueNode = prop.value;
      props.set(prop.key.name, () => this.evaluate(valueNode, file, env));
    }
    return { kind: 'object', props };
  }

  // ---------------------------------------------------------------- calls

  private evaluateCall(node: TSESTree.CallExpression | TSESTree.NewExpression, file: FileContext, env: Env): Value | undefined {
    const lib = file.libraryCalls.get(node);
    if (lib) return this.libraryCall(node, lib, file, env);
    const callee = unwrap(node.callee);
    const args = node.arguments;

    if (node.type === 'NewExpression') {
      // new Float32Array(pixels) copies; new Float32Array(n) is filled by a loop (see applyElementWrites).
      if (callee.type === 'Identifier' && TYPED_ARRAYS.has(callee.name) && args[0]) {
        const source = this.evaluate(args[0], file, env);
        return source?.kind === 'pixels' ? source : undefined;
      }
      if (callee.type === 'Identifier' && callee.name === 'Promise' && args[0]) return this.promiseValue(args[0], file, env);
      const body = callee.type === 'Identifier' ? this.classes.localClass(callee, file) : undefined;
      return body ? { kind: 'instance', body, file: file.filename } : undefined;
    }

    if (callee.type === 'MemberExpression') {
      const method = propertyName(callee);
      if (!method) return undefined;
      // Float32Array.from(buf), Float32Array.from(buf, v => v / 255), Array.from(...)
      if (method === 'from' && callee.object.type === 'Identifier' && TYPED_ARRAYS.has(callee.object.name) && args[0]) {
        const source = this.evaluate(args[0], file, env);
        if (source?.kind !== 'pixels') return undefined;
        const mapper = args[1] ? this.functionTarget(args[1], file, env) : undefined;
        return mapper ? this.mapElements(source, mapper.fn, mapper.file, file) : source;
      }
      // promise.then((value) => ...): what the callback returns (its parameter is the resolved value)
      if (method === 'then' && args[0] && isFunctionNode(unwrap(args[0]))) {
        return this.returnedValue(unwrap(args[0]) as FunctionNode, file, env);
      }
      const receiver = this.evaluate(callee.object, file, env);
      if (receiver?.kind === 'pixels') return this.tfjs.tensorMethod(node, method, receiver, file, env);
      if (receiver?.kind === 'sharp') return sharpMethod(node, method, receiver, this.staticReader(file), file.filename);
      if (receiver?.kind === 'channel' && ARITH_METHODS[method] && args[0] && args[0].type !== 'SpreadElement') {
        const of = applyArith(receiver.of, ARITH_METHODS[method] as ArithOp, this.operandOf(args[0], file, env), {
          node,
          file: file.filename,
          input: callee.object,
        });
        return { ...receiver, of };
      }
      if (receiver?.kind === 'channel' && VALUE_PRESERVING_METHODS.has(method)) return receiver;
      if (receiver?.kind === 'channels' && method === 'reverse' && args.length === 0) {
        return { ...receiver, indices: [...receiver.indices].reverse() };
      }
      // images.map((b) => decode(b)): a list of pixel tensors (a batch once stacked)
      if (method === 'map' && args[0] && isFunctionNode(unwrap(args[0]))) {
        const element = this.returnedValue(unwrap(args[0]) as FunctionNode, file, env);
        return element?.kind === 'pixels' ? { ...element, rank: element.rank === undefined ? undefined : element.rank + 1 } : undefined;
      }
      if (ROUNDING_FUNCTIONS.has(method) && callee.object.type === 'Identifier' && callee.object.name === 'Math' && args[0]) {
        const value = this.evaluate(args[0], file, env);
        return value?.kind === 'pixels' ? value : undefined;
      }
      if (method === 'all' && callee.object.type === 'Identifier' && callee.object.name === 'Promise' && args[0]) {
        return this.evaluate(args[0], file, env);
      }
      if (isPixelRead(method)) return imageData();
      if (receiver?.kind === 'image') return jimpMethod(receiver, method);
    }
    const target = this.functionTarget(callee, file, env);
    if (target) return this.callFunction(target.fn, target.file, node, file, env);
    return undefined;
  }

  /** `new Promise((resolve) => ... resolve(x) ...)`: what the executor resolves with (at most three calls). */
  private promiseValue(executor: TSESTree.Node, file: FileContext, env: Env): Value | undefined {
    const fn = unwrap(executor);
    const resolve = isFunctionNode(fn) && fn.params[0]?.type === 'Identifier' ? fn.params[0] : undefined;
    const variable = resolve ? file.scopeManager.acquire(fn as FunctionNode)?.set.get(resolve.name) : undefined;
    const values: (Value | undefined)[] = [];
    for (const ref of variable?.references ?? []) {
      const call = ref.identifier.parent;
      if (call?.type !== 'CallExpression' || call.callee !== ref.identifier) continue;
      const arg = call.arguments[0];
      values.push(arg && arg.type !== 'SpreadElement' ? this.evaluate(arg, file, env) : undefined);
    }
    if (values.length === 0 || values.length > 3) return undefined;
    return values.reduce((a, b) => joinValues(a, b));
  }

  /** The function a callee names: local declarations, consts, class methods (`this.prep`), object methods, imports. */
  functionTarget(callee: TSESTree.Node, file: FileContext, env: Env): { fn: FunctionNode; file: FileContext } | undefined {
    const node = unwrap(callee);
    if (isFunctionNode(node)) return { fn: node, file };
    if (node.type === 'Identifier') {
      const variable = variableOf(file, node);
      const def = variable?.defs[0];
      if (!variable || !def) {
        const target = pageGlobal(file.filename, node.name);
        return target?.kind === 'function' && isFunctionNode(target.fn as TSESTree.Node) ? { fn: target.fn as FunctionNode, file: target.file } : undefined;
      }
      if (def.type === 'FunctionName' && def.node.type === 'FunctionDeclaration') return { fn: def.node, file };
      if (def.type === 'Variable' && def.node.type === 'VariableDeclarator') {
        const target = this.requireTarget(def.node, def.name as TSESTree.Identifier, file);
        if (target?.kind === 'function' && isFunctionNode(target.fn as TSESTree.Node)) return { fn: target.fn as FunctionNode, file: target.file };
        const writes = variable.references.filter((r) => r.isWrite());
        const init = def.node.init && unwrap(def.node.init);
        if (writes.length <= 1 && init && isFunctionNode(init)) return { fn: init, file };
      }
      if (def.type === 'ImportBinding') {
        const target = this.importDefinitionTarget(def, file);
        if (target?.kind === 'function' && isFunctionNode(target.fn as TSESTree.Node)) return { fn: target.fn as FunctionNode, file: target.file };
      }
      return undefined;
    }
    if (node.type === 'MemberExpression') {
      const name = propertyName(node);
      if (!name) return undefined;
      // this.prep(...) inside the class, classifier.prep(...) on a `new Classifier()` of this file
      const instance = node.object.type === 'ThisExpression' ? undefined : this.evaluate(node.object, file, env);
      if (node.object.type === 'ThisExpression' || (instance?.kind === 'instance' && instance.file === file.filename)) {
        const body = instance?.kind === 'instance' ? instance.body : this.classes.enclosingClass(node);
        for (const member of body?.body ?? []) {
          if ((member.type === 'MethodDefinition' || member.type === 'PropertyDefinition') && !member.computed && member.key.type === 'Identifier' && member.key.name === name) {
            const value = member.value && unwrap(member.value);
            if (isFunctionNode(value ?? undefined)) return { fn: value as FunctionNode, file };
          }
        }
        return undefined;
      }
      // helpers.prep(...) where helpers is an object literal or `import * as helpers from './helpers'`
      if (node.object.type === 'Identifier') {
        const variable = variableOf(file, node.object);
        const def = variable?.defs[0];
        if (def?.type === 'ImportBinding' && def.node.type === 'ImportNamespaceSpecifier' && def.parent?.type === 'ImportDeclaration') {
          const target = importTarget(file, def.parent.source.value, name);
          if (target?.kind === 'function' && isFunctionNode(target.fn as TSESTree.Node)) return { fn: target.fn as FunctionNode, file: target.file };
        }
        if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init?.type === 'ObjectExpression') {
          for (const prop of def.node.init.properties) {
            if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier' && prop.key.name === name) {
              const value = unwrap(prop.value);
              if (isFunctionNode(value)) return { fn: value, file };
            }
          }
        }
      }
    }
    return undefined;
  }

  private callFunction(
    fn: FunctionNode,
    fnFile: FileContext,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    callerFile: FileContext,
    callerEnv: Env,
  ): Value | undefined {
    const env = this.bindArguments(fn, fnFile, call.arguments, callerFile, callerEnv);
    const value = this.returnedValue(fn, fnFile, env);
    return fnFile === callerFile ? value : this.crossFile(value, callerFile, call);
  }

  bindArguments(
    fn: FunctionNode,
    fnFile: FileContext,
    args: readonly TSESTree.Node[],
    callerFile: FileContext,
    callerEnv: Env,
  ): Env {
    const bindings = new Map<TSESLint.Scope.Variable, Thunk>();
    const argNodes: NonNullable<Env['args']> = new Map();
    const scope = fnFile.scopeManager.acquire(fn);
    fn.params.forEach((param, i) => {
      const target = param.type === 'AssignmentPattern' ? param.left : param;
      const arg = args[i];
      if (target.type !== 'Identifier' || !scope) return;
      const variable = scope.set.get(target.name);
      if (!variable) return;
      let cached: { value: Value | undefined } | undefined;
      argNodes.set(variable, { node: arg && arg.type !== 'SpreadElement' ? arg : undefined, file: callerFile, env: callerEnv });
      bindings.set(variable, () => {
        if (!cached) {
          const raw = arg && arg.type !== 'SpreadElement' ? this.evaluate(arg, callerFile, callerEnv) : undefined;
          cached = { value: raw };
        }
        return cached.value;
      });
    });
    return { bindings, args: argNodes };
  }

  /** Join of what a function returns (arrow expression bodies included). */
  returnedValue(fn: FunctionNode, file: FileContext, env: Env): Value | undefined {
    if (fn.body.type !== 'BlockStatement') return this.evaluate(fn.body, file, env);
    const returns = this.returnsOf(fn, file).filter((r) => reachable(r, fn, file, env));
    if (returns.length === 0 || returns.length > 4) return undefined;
    return returns.map((r) => this.evaluate(r, file, env)).reduce((a, b) => joinValues(a, b));
  }

  /** The expressions a function returns (not those of nested functions), indexed once per function. */
  private returnsOf(fn: FunctionNode, file: FileContext): TSESTree.Node[] {
    const cached = this.returnsCache.get(fn);
    if (cached) return cached;
    const returns: TSESTree.Node[] = [];
    const stack: TSESTree.Node[] = [fn.body];
    while (stack.length > 0) {
      const node = stack.pop() as TSESTree.Node;
      if (node.type === 'ReturnStatement') {
        if (node.argument) returns.push(node.argument);
        continue;
      }
      if ((isFunctionNode(node) && node !== fn) || node.type === 'ClassBody') continue;
      for (const key of file.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
        } else if (child && typeof (child as TSESTree.Node).type === 'string') stack.push(child as TSESTree.Node);
      }
    }
    returns.sort((x, y) => x.range[0] - y.range[0]);
    this.returnsCache.set(fn, returns);
    return returns;
  }

  /** Static values in `file`, for the library modules. */
  staticReader(file: FileContext): StaticReader {
    return (node) => this.staticValue(node, file);
  }

  staticValue(node: TSESTree.Node | undefined, file: FileContext): unknown {
    if (!node) return undefined;
    const scope = scopeOf(file, node);
    return scope ? ASTUtils.getStaticValue(node, scope)?.value : undefined;
  }

  /** A call's i-th argument (none for a spread) and its value, for the library modules. */
  callArguments(node: TSESTree.CallExpression | TSESTree.NewExpression, file: FileContext, env: Env) {
    const arg = (i: number): TSESTree.Expression | undefined => {
      const a = node.arguments[i];
      return a && a.type !== 'SpreadElement' ? a : undefined;
    };
    const evalArg = (i: number): Value | undefined => {
      const a = arg(i);
      return a ? this.evaluate(a, file, env) : undefined;
    };
    return { args: node.arguments, arg, evalArg };
  }

  private libraryCall(node: TSESTree.CallExpression | TSESTree.NewExpression, lib: LibraryCall, file: FileContext, env: Env): Value | undefined {
    const { args, arg, evalArg } = this.callArguments(node, file, env);
    if (lib.library === 'tfjs-models') return { kind: 'model', info: tfjsModelsInfo(lib.packageName) };
    if (lib.library === 'jimp') return jimpCall(lib.name);
    if (lib.library === 'decoder') return decodedImage(evalArg(0));
    if (lib.library === 'sharp') return sharpConstructor(node, this.staticReader(file), file.filename);
    if (lib.library === 'prepguard') {
      if (lib.name === 'loadImg') return pixels({ range: 'raw', order: 'RGB', fromSource: true, rank: 3 });
      if (lib.name === 'imgToArray') return evalArg(0);
      const input = evalArg(0);
      const source = input?.kind === 'pixels' ? input : pixels({ range: 'opaque', order: 'RGB' });
      return applyPreprocessInput(source, this.tfjs.preprocessMode(arg(1), file), { node, file: file.filename, input: arg(0) as TSESTree.Node });
    }
    return this.tfjs.call(node, lib, file, env);
  }

  // ---------------------------------------------------------------- models

}

/**
 * A write guarded by a test that the variable is still empty (`if (!model)`, `if (model == null)`,
 * `if (model === undefined)`): lazy initialization, so where the write is skipped the variable holds what this
 * write stored before.
 */
function isLazyInitialization(write: TSESTree.Node, name: string): boolean {
  const fn = enclosingFunction(write);
  for (let current = write.parent; current && current !== fn; current = current.parent) {
    if (current.type !== 'IfStatement' || !contains(current.consequent, write)) continue;
    const test = unwrap(current.test);
    const isName = (n: TSESTree.Node) => n.type === 'Identifier' && n.name === name;
    const isEmpty = (n: TSESTree.Node) => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
    if (test.type === 'UnaryExpression' && test.operator === '!' && isName(unwrap(test.argument))) return true;
    if (test.type === 'BinaryExpression' && ['==', '==='].includes(test.operator)) {
      if ((isName(test.left) && isEmpty(test.right)) || (isEmpty(test.left) && isName(test.right))) return true;
    }
    return false;
  }
  return false;
}
