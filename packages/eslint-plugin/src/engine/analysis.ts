// The driver: finds model calls in the linted file (and calls to imported wrappers that end in one),
// evaluates what reaches them, once per file, for all rules.
import * as path from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { type ModelInfo, type ModelValue, type PixelValue, type ReportSite } from './domain.js';
import { EMPTY_ENV, Evaluator, type EngineSettings, type Env } from './evaluator.js';
import { createFileContext, walk, type FileContext } from './file-context.js';
import { enclosingFunction, propertyName, unwrap, variableOf, type FunctionNode } from './scope.js';
import { setWorkingDirectory } from './project-files.js';
import { mayConcernModels } from './relevance.js';
import { readSettings } from './settings.js';

/** Methods that run a model on an input tensor (Keras/tfjs models and tfjs-models wrappers). */
export const MODEL_METHODS = new Set([
  'predict', 'predictOnBatch', 'execute', 'executeAsync', 'apply', 'call', 'classify', 'infer', 'detect',
  'estimateSinglePose', 'estimateMultiplePoses', 'estimatePoses', 'estimateFaces', 'estimateHands',
  'segmentPerson', 'segmentPeople', 'segmentMultiPerson', 'segment', 'estimateDepth',
]);

export interface ModelInput {
  model: ModelInfo;
  value: PixelValue;
  /** The model call, in the linted file when possible (else the call of the imported wrapper). */
  callSite: ReportSite;
  /** The expression passed to the model, as a report site in the linted file. */
  argumentSite: ReportSite;
  /** "line 12" or "line 12 of ./model.ts". */
  modelCallLocation: string;
}

export interface FileAnalysis {
  file: FileContext;
  inputs: ModelInput[];
  /** Results of every `preprocessInput` call in the file (for double preprocessing without a known model). */
  preprocessResults: PixelValue[];
}

// One analysis per linted file, shared by the five rules.
const cache = new WeakMap<TSESTree.Program, FileAnalysis>();

export function analyze(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileAnalysis | undefined {
  const sourceCode = context.sourceCode;
  if (!mayConcernModels(sourceCode)) return undefined;
  const ast = sourceCode.ast;
  const cached = cache.get(ast);
  if (cached) return cached;
  const file = createFileContext(
    context.filename,
    ast,
    sourceCode.scopeManager as TSESLint.Scope.ScopeManager,
    sourceCode.visitorKeys as Record<string, readonly string[]>,
  );
  const analysis: FileAnalysis = { file, inputs: [], preprocessResults: [] };
  cache.set(ast, analysis);
  setWorkingDirectory(context.cwd);
  new FileAnalyzer(file, readSettings(context.settings), analysis).run();
  return analysis;
}

/** Where something the engine found can be reported in the linted file. */
export function siteIn(file: FileContext, item: { node: TSESTree.Node; file: string; anchor?: ReportSite }): TSESTree.Node | undefined {
  if (item.file === file.filename) return item.node;
  if (item.anchor?.file === file.filename) return item.anchor.node;
  return undefined;
}

function modelInputArgument(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const first = call.arguments[0];
  if (!first || first.type === 'SpreadElement') return undefined;
  const inner = unwrap(first);
  // execute([x]) / execute({ input: x }) with a single input
  if (inner.type === 'ArrayExpression') {
    const only = inner.elements.length === 1 ? inner.elements[0] : undefined;
    return only && only.type !== 'SpreadElement' ? only : undefined;
  }
  if (inner.type === 'ObjectExpression') {
    const only = inner.properties.length === 1 ? inner.properties[0] : undefined;
    return only?.type === 'Property' ? only.value : undefined;
  }
  return first;
}

class FileAnalyzer {
  private readonly evaluator: Evaluator;
  private readonly sinkCache = new Map<FunctionNode, TSESTree.CallExpression[]>();
  /** Calls by callee name (`f(...)`) and by `this.<name>(...)`, for finding a function's call sites. */
  private readonly callsByName = new Map<string, TSESTree.CallExpression[]>();
  private readonly thisCallsByName = new Map<string, TSESTree.CallExpression[]>();
  /** Calls by `<object>.<name>(...)` for any other object (methods called on an instance). */
  private readonly memberCallsByName = new Map<string, TSESTree.CallExpression[]>();

  constructor(
    private readonly file: FileContext,
    settings: EngineSettings,
    private readonly analysis: FileAnalysis,
  ) {
    this.evaluator = new Evaluator(file, settings);
  }

  run(): void {
    const calls: TSESTree.CallExpression[] = [];
    const add = (index: Map<string, TSESTree.CallExpression[]>, name: string, call: TSESTree.CallExpression) => {
      const list = index.get(name);
      if (list) list.push(call);
      else index.set(name, [call]);
    };
    walk(this.file, this.file.ast, (node) => {
      if (node.type !== 'CallExpression') return;
      calls.push(node);
      const callee = unwrap(node.callee);
      if (callee.type === 'Identifier') add(this.callsByName, callee.name, node);
      else if (callee.type === 'MemberExpression') {
        const name = propertyName(callee);
        if (name) add(callee.object.type === 'ThisExpression' ? this.thisCallsByName : this.memberCallsByName, name, node);
      }
    });
    calls.sort((a, b) => a.range[0] - b.range[0]);
    for (const call of calls) {
      const lib = this.file.libraryCalls.get(call);
      if (lib?.library === 'prepguard' && lib.name === 'preprocessInput') {
        const value = this.evaluator.evaluate(call, this.file, EMPTY_ENV);
        if (value?.kind === 'pixels') this.analysis.preprocessResults.push(value);
        continue;
      }
      if (call.callee.type === 'MemberExpression' && MODEL_METHODS.has(propertyName(call.callee) ?? '')) {
        this.modelCall(call);
        continue;
      }
      this.wrapperCall(call);
    }
  }

  private location(call: TSESTree.Node, callFile: FileContext): string {
    const line = `line ${call.loc.start.line}`;
    if (callFile === this.file) return line;
    const relative = path.relative(path.dirname(this.file.filename), callFile.filename).split(path.sep).join('/');
    return `${line} of ${relative.startsWith('.') ? relative : './' + relative}`;
  }

  private record(model: ModelInfo, value: PixelValue, call: TSESTree.CallExpression, argument: TSESTree.Node, site?: TSESTree.Node, callFile = this.file): void {
    const here = { file: this.file.filename };
    this.analysis.inputs.push({
      model,
      value,
      callSite: { node: site ?? call, ...here },
      argumentSite: { node: site ?? argument, ...here },
      modelCallLocation: this.location(call, callFile),
    });
  }

  private modelCall(call: TSESTree.CallExpression): void {
    const argument = modelInputArgument(call);
    if (!argument || call.callee.type !== 'MemberExpression' || isWarmUp(call)) return;
    const receiver = call.callee.object;
    this.evaluator.unboundFunctions.clear();
    const model = this.evaluator.models.modelOf(receiver, this.file, EMPTY_ENV);
    // The function whose parameter the receiver or input is: the enclosing one, or one further out when the call
    // sits in a callback (`tf.tidy(() => this.model.predict(images))` inside `classify(images)`).
    const fn = this.unboundOwner(call);
    // The receiver is a parameter: the model may come from the call sites.
    const modelFromCaller = !model && !!fn;
    if (!model && !modelFromCaller) return; // not a model call (fn.apply, service.call, ...)
    const value = this.evaluator.evaluate(argument, this.file, EMPTY_ENV);
    if (model && value?.kind === 'pixels') this.record(model, value, call, argument);
    // The model or the input is a parameter: look at what each call site of the enclosing function passes.
    const owner = this.unboundOwner(call);
    if (!owner) return;
    this.callerValues(owner, call, receiver, argument);
  }

  /** The innermost function around `call` whose parameters were read unbound by the last evaluations. */
  private unboundOwner(call: TSESTree.CallExpression): FunctionNode | undefined {
    for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
      if (this.evaluator.unboundFunctions.has(fn)) return fn;
    }
    return undefined;
  }

  private callerValues(fn: FunctionNode, call: TSESTree.CallExpression, receiver: TSESTree.Node, argument: TSESTree.Node): void {
    const sites = this.callSitesOf(fn);
    for (const site of sites.slice(0, 8)) {
      const env = this.evaluator.bindArguments(fn, this.file, site.arguments, this.file, EMPTY_ENV);
      const siteModel = this.evaluator.models.modelOf(receiver, this.file, env);
      const siteValue = this.evaluator.evaluate(argument, this.file, env);
      if (siteModel && siteValue?.kind === 'pixels') this.record(siteModel, siteValue, call, argument);
    }
    if (sites.length === 0) this.moduleApiCall(fn, call, receiver, argument);
  }

  /**
   * An exported `predict(model, tensor)` that nothing in its file calls, next to exactly one exported function
   * that loads a model and exactly one that makes the input (`getModel()`, `toTensor(image)`): the module's
   * users combine them, so the engine does too.
   */
  private moduleApiCall(fn: FunctionNode, call: TSESTree.CallExpression, receiver: TSESTree.Node, argument: TSESTree.Node): void {
    const scope = this.file.scopeManager.acquire(fn);
    const paramOf = (node: TSESTree.Node) => {
      let root = unwrap(node);
      while (root.type === 'MemberExpression') root = unwrap(root.object);
      return root.type === 'Identifier' && fn.params.some((p) => p.type === 'Identifier' && p.name === root.name) ? scope?.set.get(root.name) : undefined;
    };
    const modelParam = paramOf(receiver);
    const inputParam = paramOf(argument);
    if (!modelParam || !inputParam || modelParam === inputParam || !isExported(fn)) return;
    const models: ModelValue[] = [];
    const inputs: PixelValue[] = [];
    for (const other of exportedFunctions(this.file.ast)) {
      if (other === fn) continue;
      const produced = this.evaluator.returnedValue(other, this.file, EMPTY_ENV);
      if (produced?.kind === 'model' && produced.info) models.push(produced);
      else if (produced?.kind === 'pixels' && produced.fromSource) inputs.push(produced);
    }
    const [model] = models;
    const [input] = inputs;
    if (models.length !== 1 || inputs.length !== 1 || !model || !input) return;
    const bindings: Env['bindings'] = new Map();
    bindings.set(modelParam, () => model);
    bindings.set(inputParam, () => input);
    const env: Env = { bindings };
    const info = this.evaluator.models.modelOf(receiver, this.file, env);
    const value = this.evaluator.evaluate(argument, this.file, env);
    if (info && value?.kind === 'pixels') this.record(info, value, call, argument);
  }

  /** Calls of a local function: `f(...)`, `this.f(...)` for class methods. */
  private callSitesOf(fn: FunctionNode): TSESTree.CallExpression[] {
    const sites: TSESTree.CallExpression[] = [];
    let name: string | undefined;
    let isMethod = false;
    if (fn.type === 'FunctionDeclaration' && fn.id) name = fn.id.name;
    else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') name = fn.parent.id.name;
    else if ((fn.parent?.type === 'MethodDefinition' || fn.parent?.type === 'PropertyDefinition') && fn.parent.key.type === 'Identifier') {
      // class methods and class-field arrow functions: `this.f(...)` and `instance.f(...)`
      name = fn.parent.key.name;
      isMethod = true;
    }
    if (!name) return sites;
    const candidates = isMethod
      ? [...(this.thisCallsByName.get(name) ?? []), ...(this.memberCallsByName.get(name) ?? [])]
      : (this.callsByName.get(name) ?? []);
    for (const node of candidates) {
      const target = this.evaluator.functionTarget(node.callee, this.file, EMPTY_ENV);
      if (target?.fn === fn) sites.push(node);
    }
    return sites;
  }

  /** A call of an imported function whose parameter flows into a model call in its own file. */
  private wrapperCall(call: TSESTree.CallExpression): void {
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return;
    // Only functions from other project files: `helper(...)` / `helpers.helper(...)` bound by import or require.
    const binding = callee.type === 'Identifier' ? callee : callee.object.type === 'Identifier' ? callee.object : undefined;
    if (!binding) return;
    const def = variableOf(this.file, binding)?.defs[0];
    const imported =
      def?.type === 'ImportBinding' ||
      (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.init?.type === 'CallExpression');
    if (!imported) return;
    // Only calls that pass pixels can feed a model; checking this first avoids parsing imported files for nothing.
    const passesPixels = call.arguments.some((arg) => {
      if (arg.type === 'SpreadElement') return false;
      const value = this.evaluator.evaluate(arg, this.file, EMPTY_ENV);
      return value?.kind === 'pixels' && (value.steps.length > 0 || value.loadIssues.length > 0 || value.fromSource);
    });
    if (!passesPixels) return;
    const target = this.evaluator.functionTarget(callee, this.file, EMPTY_ENV);
    if (!target || target.file === this.file) return;
    for (const inner of this.modelCallsIn(target.fn)) {
      const argument = modelInputArgument(inner);
      if (!argument || inner.callee.type !== 'MemberExpression') continue;
      const env: Env = this.evaluator.bindArguments(target.fn, target.file, call.arguments, this.file, EMPTY_ENV);
      const model = this.evaluator.models.modelOf(inner.callee.object, target.file, env);
      const value = this.evaluator.evaluate(argument, target.file, env);
      if (!model || value?.kind !== 'pixels') continue;
      // Only what this file contributes is reported here; the wrapper's own bugs are reported in its file.
      const mine = (item: { file: string; anchor?: ReportSite }) => item.file === this.file.filename || item.anchor?.file === this.file.filename;
      const contributes = value.steps.some(mine) || value.loadIssues.some(mine) || (value.fromSource && value.range === 'raw');
      if (!contributes) continue;
      const anchored = this.anchor(value, call);
      this.record(model, anchored, inner, argument, call, target.file);
    }
  }

  private anchor(value: PixelValue, site: TSESTree.Node): PixelValue {
    const anchor = { node: site, file: this.file.filename };
    const mine = (s: { file: string; anchor?: ReportSite }) => s.file === this.file.filename || s.anchor?.file === this.file.filename;
    return {
      ...value,
      steps: value.steps.map((s) => (mine(s) ? s : { ...s, anchor })),
      loadIssues: value.loadIssues.map((i) => (mine(i) ? i : { ...i, anchor })),
    };
  }

  private modelCallsIn(fn: FunctionNode): TSESTree.CallExpression[] {
    const cached = this.sinkCache.get(fn);
    if (cached) return cached;
    const found: TSESTree.CallExpression[] = [];
    walk(this.file, fn.body, (node) => {
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && MODEL_METHODS.has(propertyName(node.callee) ?? '')) {
        found.push(node);
      }
    });
    this.sinkCache.set(fn, found);
    return found;
  }
}

/** The functions a module exports by name: `export function f`, `export const f = () => ...`. */
function exportedFunctions(program: TSESTree.Program): FunctionNode[] {
  const found: FunctionNode[] = [];
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration' || !statement.declaration) continue;
    const decl = statement.declaration;
    if (decl.type === 'FunctionDeclaration') found.push(decl);
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations) {
        const init = d.init && unwrap(d.init);
        if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) found.push(init);
      }
    }
  }
  return found;
}

function isExported(fn: FunctionNode): boolean {
  const holder = fn.type === 'FunctionDeclaration' ? fn : fn.parent?.type === 'VariableDeclarator' ? fn.parent.parent : undefined;
  return holder?.parent?.type === 'ExportNamedDeclaration';
}

/**
 * A prediction disposed of unread (`model.predict(x).dispose()`) only warms the backend up (uploads weights,
 * compiles kernels): what it is fed changes no output, so it is not judged.
 */
function isWarmUp(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (node.parent?.type === 'AwaitExpression' || node.parent?.type === 'ChainExpression') node = node.parent;
  const parent = node.parent;
  return (
    parent?.type === 'MemberExpression' &&
    parent.object === node &&
    propertyName(parent) === 'dispose' &&
    parent.parent?.type === 'CallExpression' &&
    parent.parent.parent?.type === 'ExpressionStatement'
  );
}
