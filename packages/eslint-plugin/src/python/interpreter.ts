// The Python analysis: an abstract interpreter over tree-sitter's Python tree. It follows pixel values from
// their source (load_img, cv2.imread, generators, datasets) through the engine's transfer functions to the
// Keras models they reach, and records what each model was trained with for the cross-language check.
// Precision first: anything it cannot follow becomes "unknown" and is never reported.
import type { Operand } from '../engine/constants.js';
import { joinValues, pixels, type ModelInfo } from '../engine/domain.js';
import { applyArith, applyFlip, applyPreprocessInput, type ArithOp } from '../engine/transfer.js';
import {
  canonicalName,
  DATASET_FROM_DIRECTORY,
  FUNCTIONAL_MODEL,
  IMAGE_DATA_GENERATOR,
  IMG_TO_ARRAY,
  KERAS_INPUT,
  kerasApplicationName,
  LOAD_IMG,
  LOAD_MODEL,
  RESCALING,
  SEQUENTIAL,
  TFJS_SAVE,
} from './keras-names.js';
import type { PyNode } from './parser.js';
import { arithOp, combine, dottedText, field, lastSegment, named, numberLiteral, stringText } from './syntax.js';
import {
  engineNode,
  type Batches,
  type Callable,
  type Generator,
  type PreprocessFunction,
  type PyModel,
  type PyPixels,
  type PyValue,
  type Symbolic,
} from './values.js';

/** Something the interpreter saw that a rule may report; `findings.ts` turns it into a message. */
export type PyObservation =
  | { kind: 'modelInput'; value: PyPixels; model: PyModel; call: PyNode }
  | { kind: 'preprocessed'; value: PyPixels; fn: PreprocessFunction; call: PyNode }
  | { kind: 'generatorTwice'; generator: Generator; fn: PreprocessFunction };

/** `model.save(path)`, `save_keras_model(model, path)`, `tensorflowjs_converter in out`. */
export interface PyExport {
  path: string;
  model: PyModel;
  node: PyNode;
}

export interface InterpretResult {
  observations: PyObservation[];
  exports: PyExport[];
}

/** Model methods whose first argument (or `x=`) is the model input. */
const MODEL_INPUT_METHODS = new Set([
  'predict', 'predict_on_batch', 'predict_generator', 'fit', 'fit_generator', 'evaluate', 'evaluate_generator', 'train_on_batch', 'test_on_batch', '__call__',
]);
const TRAINING_METHODS = new Set(['fit', 'fit_generator', 'train_on_batch']);
const EXPORT_METHODS = new Set(['save', 'export']);
/** Calls that keep pixels as they are (array conversion, batching, dtype, shape). */
const PASS_THROUGH_CALLS = new Set([
  'numpy.array', 'numpy.asarray', 'numpy.expand_dims', 'numpy.float32', 'numpy.vstack', 'numpy.stack', 'numpy.concatenate', 'numpy.copy', 'numpy.squeeze',
  'tf.convert_to_tensor', 'tf.expand_dims', 'tf.cast', 'tf.constant', 'tf.stack', 'tf.identity', 'tf.squeeze', 'tf.image.convert_image_dtype',
  'numpy.asfarray', 'PIL.Image.fromarray',
]);
const PASS_THROUGH_METHODS = new Set(['astype', 'reshape', 'copy', 'convert', 'squeeze', 'numpy', 'batch', 'prefetch', 'cache', 'shuffle', 'take', 'repeat', 'unbatch', 'skip']);
/** Generator methods that yield batches (all but `flow` read images with load_img). */
const FLOW_METHODS = new Set(['flow', 'flow_from_directory', 'flow_from_dataframe']);
const MAX_CALL_DEPTH = 3;

type Scope = Map<string, PyValue | undefined>;

interface Frame {
  scope: Scope;
  globals: Scope;
  returns: (PyValue | undefined)[];
  depth: number;
}

const isPixels = (v: PyValue | undefined): v is PyPixels => v?.kind === 'pixels';

function joinPy(a: PyValue | undefined, b: PyValue | undefined): PyValue | undefined {
  if (a === b) return a;
  if (isPixels(a) && isPixels(b)) return joinValues(a, b) as PyPixels | undefined;
  if (a?.kind === 'model' && b?.kind === 'model') return a.info?.mode === b.info?.mode ? a : { kind: 'model', decidedAt: a.decidedAt };
  return undefined;
}

export class PythonInterpreter {
  private readonly observations: PyObservation[] = [];
  private readonly exports: PyExport[] = [];
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  run(root: PyNode): InterpretResult {
    const globals: Scope = new Map();
    const frame: Frame = { scope: globals, globals, returns: [], depth: 0 };
    const deferred: PyNode[] = [];
    this.block(named(root), frame, deferred);
    // Function bodies run after the module, with its globals bound (as when they are called later), and their
    // parameters unseen: a parameter is plausibly raw pixels, as in the engine.
    for (let i = 0; i < deferred.length; i++) this.standalone(deferred[i] as PyNode, globals, deferred);
    return { observations: this.observations, exports: this.exports };
  }

  private origin(node: PyNode, input?: PyNode) {
    return input ? { node: engineNode(node), file: this.file, input: engineNode(input) } : { node: engineNode(node), file: this.file };
  }

  // ---- statements ----------------------------------------------------------------------------------------

  private block(statements: PyNode[], frame: Frame, deferred: PyNode[] | undefined): void {
    for (const statement of statements) this.statement(statement, frame, deferred);
  }

  private body(node: PyNode | undefined, frame: Frame, deferred: PyNode[] | undefined): void {
    if (node) this.block(named(node), frame, deferred);
  }

  private statement(node: PyNode, frame: Frame, deferred: PyNode[] | undefined): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of named(node)) this.expressionStatement(child, frame);
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node, frame.scope);
        return;
      case 'decorated_definition': {
        const definition = field(node, 'definition');
        if (definition) this.statement(definition, frame, deferred);
        return;
      }
      case 'function_definition': {
        const name = field(node, 'name');
        if (name) frame.scope.set(name.text, { kind: 'function', node });
        deferred?.push(node);
        return;
      }
      case 'class_definition':
        // Methods share `self.*` bindings: run them in order in one class scope.
        this.classBody(node, frame.globals, deferred);
        return;
      case 'return_statement': {
        const value = named(node)[0];
        frame.returns.push(value ? this.evaluate(value, frame) : undefined);
        return;
      }
      case 'if_statement':
        this.ifStatement(node, frame, deferred);
        return;
      case 'for_statement':
        this.forTargets(node, frame);
        for (const child of named(node)) {
          if (child.type === 'block') this.body(child, frame, deferred);
          else if (child.type === 'else_clause') for (const part of named(child)) if (part.type === 'block') this.body(part, frame, deferred);
        }
        return;
      case 'while_statement':
      case 'with_statement':
      case 'try_statement':
        for (const child of named(node)) {
          if (child.type === 'block') this.body(child, frame, deferred);
          else if (['except_clause', 'finally_clause', 'else_clause', 'with_clause'].includes(child.type)) {
            if (child.type === 'with_clause') this.withClause(child, frame);
            else for (const part of named(child)) if (part.type === 'block') this.body(part, frame, deferred);
          }
        }
        return;
      default:
        return;
    }
  }

  /** `for x, y in generator:` yields batches of images; `for img in images:` an element of a list. */
  private forTargets(node: PyNode, frame: Frame): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (!left || !right) return;
    const source = this.evaluate(right, frame);
    const element = source?.kind === 'batches' ? source : source?.kind === 'tuple' ? this.passThrough(source) : undefined;
    this.assign(left, element, frame);
  }

  /** `with open(...) as f`: binds nothing the analysis follows, but evaluates the context expressions. */
  private withClause(node: PyNode, frame: Frame): void {
    for (const item of named(node)) {
      const value = field(item, 'value') ?? named(item)[0];
      if (value) this.evaluate(value.type === 'as_pattern' ? (named(value)[0] ?? value) : value, frame);
    }
  }

  /** Both branches run from the same state; a variable the branches set differently becomes unknown. */
  private ifStatement(node: PyNode, frame: Frame, deferred: PyNode[] | undefined): void {
    const before = new Map(frame.scope);
    const branches: Scope[] = [];
    const runBranch = (block: PyNode | undefined) => {
      for (const [key, value] of before) frame.scope.set(key, value);
      for (const key of [...frame.scope.keys()]) if (!before.has(key)) frame.scope.delete(key);
      this.body(block, frame, deferred);
      branches.push(new Map(frame.scope));
    };
    runBranch(field(node, 'consequence'));
    let hasElse = false;
    for (const clause of named(node)) {
      if (clause.type === 'elif_clause') runBranch(field(clause, 'consequence'));
      if (clause.type === 'else_clause') {
        hasElse = true;
        runBranch(field(clause, 'body'));
      }
    }
    if (!hasElse) branches.push(before);
    const keys = new Set(branches.flatMap((b) => [...b.keys()]));
    frame.scope.clear();
    for (const key of keys) {
      const values = branches.map((b) => b.get(key));
      frame.scope.set(key, values.slice(1).reduce((acc, v) => joinPy(acc, v), values[0]));
    }
  }

  private classBody(node: PyNode, globals: Scope, deferred: PyNode[] | undefined): void {
    const name = field(node, 'name');
    if (name) globals.set(name.text, undefined);
    const scope: Scope = new Map();
    const frame: Frame = { scope, globals, returns: [], depth: 0 };
    const methods: PyNode[] = [];
    for (const member of named(field(node, 'body') ?? node)) {
      const definition = member.type === 'decorated_definition' ? field(member, 'definition') : member;
      if (definition?.type === 'function_definition') methods.push(definition);
      else if (definition) this.statement(definition, frame, deferred);
    }
    // `__init__` first: it sets the `self.*` attributes the other methods read.
    methods.sort((a, b) => Number(field(b, 'name')?.text === '__init__') - Number(field(a, 'name')?.text === '__init__'));
    for (const method of methods) {
      const methodFrame: Frame = { scope, globals, returns: [], depth: 1 };
      this.bindParameters(method, [], methodFrame);
      this.body(field(method, 'body'), methodFrame, undefined);
    }
  }

  private standalone(fn: PyNode, globals: Scope, deferred: PyNode[]): void {
    const frame: Frame = { scope: new Map(), globals, returns: [], depth: 1 };
    this.bindParameters(fn, [], frame);
    this.body(field(fn, 'body'), frame, deferred);
  }

  private importStatement(node: PyNode, scope: Scope): void {
    const module = node.type === 'import_from_statement' ? field(node, 'module_name') : undefined;
    if (module?.type === 'relative_import') return;
    for (const child of named(node)) {
      if (child === module) continue;
      const target = child.type === 'aliased_import' ? field(child, 'name') : child;
      const alias = child.type === 'aliased_import' ? field(child, 'alias') : undefined;
      if (!target || (target.type !== 'dotted_name' && target.type !== 'identifier')) continue;
      const imported = target.text.replace(/\s+/g, '');
      if (module) {
        scope.set((alias ?? target).text, { kind: 'name', name: canonicalName(`${module.text.replace(/\s+/g, '')}.${imported}`) });
      } else if (alias) {
        scope.set(alias.text, { kind: 'name', name: canonicalName(imported) });
      } else {
        const head = imported.split('.')[0] as string;
        scope.set(head, { kind: 'name', name: head });
      }
    }
  }

  private expressionStatement(node: PyNode, frame: Frame): void {
    if (node.type === 'assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (!left || !right) return;
      this.assign(left, this.evaluate(right, frame), frame);
      return;
    }
    if (node.type === 'augmented_assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      const operator = field(node, 'operator')?.text ?? '';
      if (!left || !right) return;
      if (left.type === 'subscript') {
        // `x[..., 0] -= 103.939`: per-channel edits are beyond what this analysis follows.
        const target = field(left, 'value');
        if (target && isPixels(this.evaluate(target, frame))) this.assign(target, pixels({ range: 'unknown' }), frame);
        return;
      }
      this.assign(left, this.arithmetic(node, this.evaluate(left, frame), arithOp(operator), right, left, frame), frame);
      return;
    }
    this.evaluate(node, frame);
  }

  private assign(target: PyNode, value: PyValue | undefined, frame: Frame): void {
    if (target.type === 'identifier') {
      frame.scope.set(target.text, value);
      return;
    }
    if (target.type === 'attribute') {
      const key = dottedText(target);
      if (key) frame.scope.set(key, value);
      return;
    }
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      const items = named(target);
      // `x, y = next(flow)` / `(x, y), _ = load_data()`: the first element of a batch is the images.
      items.forEach((item, i) => {
        const element = value?.kind === 'tuple' ? value.items[i] : i === 0 && (value?.kind === 'batches' || isPixels(value)) ? (value.kind === 'batches' ? value.pixels : value) : undefined;
        this.assign(item, element, frame);
      });
    }
  }

  private lookup(name: string, frame: Frame): PyValue | undefined {
    return frame.scope.has(name) ? frame.scope.get(name) : frame.globals.get(name);
  }

  // ---- expressions ---------------------------------------------------------------------------------------

  /** Expressions nested deeper than this (generated code, huge literals) are unknown rather than a stack overflow. */
  private static readonly MAX_EXPRESSION_DEPTH = 200;
  private depth = 0;

  evaluate(node: PyNode, frame: Frame): PyValue | undefined {
    if (this.depth >= PythonInterpreter.MAX_EXPRESSION_DEPTH) return undefined;
    this.depth++;
    try {
      return this.evaluateNode(node, frame);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(node: PyNode, frame: Frame): PyValue | undefined {
    switch (node.type) {
      case 'identifier':
        return referenced(this.lookup(node.text, frame));
      case 'integer':
      case 'float': {
        const value = numberLiteral(node.text);
        return value === undefined ? undefined : { kind: 'number', operand: { kind: 'scalar', value } };
      }
      case 'parenthesized_expression':
      case 'await': {
        const inner = named(node)[0];
        return inner ? this.evaluate(inner, frame) : undefined;
      }
      case 'unary_operator': {
        const argument = field(node, 'argument');
        const value = argument ? this.evaluate(argument, frame) : undefined;
        if (value?.kind === 'number' && field(node, 'operator')?.text === '-') {
          return { kind: 'number', operand: combine({ kind: 'scalar', value: -1 }, value.operand, 'mul') as Operand };
        }
        return undefined;
      }
      case 'binary_operator': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (!left || !right) return undefined;
        return this.arithmetic(node, this.evaluate(left, frame), arithOp(field(node, 'operator')?.text ?? ''), right, left, frame);
      }
      case 'list':
      case 'tuple':
      case 'expression_list': {
        const items = named(node).map((item) => this.evaluate(item, frame));
        if (items.length > 0 && items.every((item) => item?.kind === 'number' && item.operand.kind === 'scalar')) {
          return { kind: 'number', operand: { kind: 'vector', values: items.map((item) => (item as { operand: { value: number } }).operand.value) } };
        }
        return { kind: 'tuple', items };
      }
      case 'attribute':
        return referenced(this.attribute(node, frame));
      case 'subscript':
        return this.subscript(node, frame);
      case 'call':
        return this.call(node, frame);
      case 'lambda':
        return { kind: 'function', node };
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = named(node);
        return joinPy(whenTrue && this.evaluate(whenTrue, frame), whenFalse && this.evaluate(whenFalse, frame));
      }
      default:
        return undefined;
    }
  }

  /** `left <op> right`; `unseen` (a value from nowhere the analysis follows) counts as plausibly raw pixels. */
  private arithmetic(node: PyNode, left: PyValue | undefined, op: ArithOp | undefined, rightNode: PyNode, leftNode: PyNode, frame: Frame): PyValue | undefined {
    const right = this.evaluate(rightNode, frame);
    if (!op) return isPixels(left) ? pixels({ range: 'unknown' }) : undefined;
    if (left?.kind === 'number' && right?.kind === 'number') {
      const operand = combine(left.operand, right.operand, op);
      return operand ? { kind: 'number', operand } : undefined;
    }
    // `1/255 * x`, `-mean + x`: the pixels are on the right.
    if (left?.kind === 'number' && isPixels(right) && (op === 'mul' || op === 'add')) {
      return applyArith(right, op, left.operand, this.origin(node, rightNode)) as PyPixels;
    }
    const operand = right?.kind === 'number' ? right.operand : undefined;
    if (isPixels(left)) return applyArith(left, op, operand, this.origin(node, leftNode)) as PyPixels;
    if (left === undefined && operand) return applyArith(pixels({ range: 'opaque' }), op, operand, this.origin(node, leftNode)) as PyPixels;
    return undefined;
  }

  private attribute(node: PyNode, frame: Frame): PyValue | undefined {
    const object = field(node, 'object');
    const attribute = field(node, 'attribute')?.text;
    if (!object || !attribute) return undefined;
    const dotted = dottedText(node);
    if (dotted && (frame.scope.has(dotted) || frame.globals.has(dotted))) return this.lookup(dotted, frame);
    const base = this.evaluate(object, frame);
    if (base?.kind === 'name') return { kind: 'name', name: canonicalName(`${base.name}.${attribute}`) };
    if (base?.kind === 'model' && ['input', 'inputs', 'output', 'outputs'].includes(attribute)) {
      return { kind: 'symbolic', pixels: pixels({ range: 'opaque' }), base };
    }
    if (isPixels(base) && ['T', 'data'].includes(attribute)) return base;
    return undefined;
  }

  private subscript(node: PyNode, frame: Frame): PyValue | undefined {
    const value = field(node, 'value');
    const target = value ? this.evaluate(value, frame) : undefined;
    if (target?.kind === 'tuple') {
      const index = named(node)[1];
      const i = index?.type === 'integer' ? numberLiteral(index.text) : undefined;
      return i === undefined ? undefined : target.items[i];
    }
    if (!isPixels(target)) return undefined;
    const indices = named(node).slice(1);
    const last = indices[indices.length - 1];
    // `x[..., ::-1]` reverses the channel axis: RGB <-> BGR.
    if (last?.type === 'slice' && last.text.replace(/\s+/g, '') === '::-1' && (indices.length >= 2 || indices[0]?.type === 'ellipsis')) {
      return applyFlip(target, this.origin(node, value)) as PyPixels;
    }
    return target;
  }

  // ---- calls ---------------------------------------------------------------------------------------------

  private args(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode> } {
    const list = field(call, 'arguments');
    const positional: PyNode[] = [];
    const keywords = new Map<string, PyNode>();
    for (const arg of list ? named(list) : []) {
      if (arg.type === 'keyword_argument') {
        const name = field(arg, 'name');
        const value = field(arg, 'value');
        if (name && value) keywords.set(name.text, value);
      } else if (arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') {
        positional.push(arg);
      }
    }
    return { positional, keywords };
  }

  private call(node: PyNode, frame: Frame): PyValue | undefined {
    const callee = field(node, 'function');
    if (!callee) return undefined;
    const { positional, keywords } = this.args(node);
    const argument = (index: number, keyword?: string): PyNode | undefined => (keyword ? keywords.get(keyword) : undefined) ?? positional[index];
    const value = (index: number, keyword?: string): PyValue | undefined => {
      const arg = argument(index, keyword);
      return arg ? this.evaluate(arg, frame) : undefined;
    };

    if (callee.type === 'attribute') {
      const method = field(callee, 'attribute')?.text ?? '';
      const objectNode = field(callee, 'object');
      const dotted = dottedText(callee);
      const bound = dotted && (frame.scope.has(dotted) || frame.globals.has(dotted)) ? this.lookup(dotted, frame) : undefined;
      const object = bound === undefined && objectNode ? this.evaluate(objectNode, frame) : undefined;
      if (bound === undefined && object && object.kind !== 'name') return this.methodCall(node, object, method, argument, value, keywords, frame);
    }

    // Names stay names here (not `referenced`): `imagenet_utils.preprocess_input(x, mode=...)` needs its arguments.
    const target = callee.type === 'identifier' ? this.lookup(callee.text, frame) : callee.type === 'attribute' ? this.attribute(callee, frame) : this.evaluate(callee, frame);
    if (target?.kind === 'name') return this.namedCall(node, target.name, argument, value, keywords, frame);
    if (target?.kind === 'preprocess') return this.preprocess(node, target, argument(0, 'x'), value(0, 'x'));
    if (target?.kind === 'function') return this.userCall(target.node, node, frame);
    if (target?.kind === 'model') return this.modelCall(node, target, '__call__', argument, value, keywords, frame);
    if (target?.kind === 'layer') {
      const input = value(0, 'inputs');
      if (input?.kind === 'symbolic') return { ...input, pixels: target.apply(input.pixels), normalizedBy: target.node };
      return isPixels(input) ? target.apply(input) : undefined;
    }
    // An unknown layer (Dense, Dropout, data augmentation) applied inside a model definition keeps the tensor.
    const first = value(0);
    return first?.kind === 'symbolic' ? first : undefined;
  }

  private namedCall(
    node: PyNode,
    name: string,
    argument: (i: number, k?: string) => PyNode | undefined,
    value: (i: number, k?: string) => PyValue | undefined,
    keywords: Map<string, PyNode>,
    frame: Frame,
  ): PyValue | undefined {
    const application = kerasApplicationName(name);
    if (application?.kind === 'constructor') return this.application(node, application.info, keywords);
    if (application?.kind === 'preprocessInput') {
      return this.preprocess(node, { kind: 'preprocess', mode: application.info.mode, family: application.info }, argument(0, 'x'), value(0, 'x'));
    }
    if (application?.kind === 'imagenetUtils') {
      const modeNode = keywords.get('mode') ?? argument(2);
      const mode = modeNode?.type === 'string' ? modeNode.text.replace(/^[rbuf]*['"]+|['"]+$/gi, '') : modeNode ? undefined : 'caffe';
      if (mode !== 'caffe' && mode !== 'tf' && mode !== 'torch') return isPixels(value(0, 'x')) ? pixels({ range: 'unknown' }) : undefined;
      const family: ModelInfo = { mode, name: `imagenet_utils (mode='${mode}')`, normalizesInside: false, keras: true };
      return this.preprocess(node, { kind: 'preprocess', mode, family }, argument(0, 'x'), value(0, 'x'));
    }
    if (LOAD_IMG.has(name)) return { ...pixels({ range: 'raw', order: 'RGB', fromSource: true }), pil: true } as PyPixels;
    if (IMG_TO_ARRAY.has(name) || PASS_THROUGH_CALLS.has(name)) return this.passThrough(value(0, 'x'));
    if (name === 'cv2.imread') {
      // OpenCV decodes to BGR: one flip away from the RGB Keras' preprocess_input assumes.
      return applyFlip(pixels({ range: 'raw', order: 'RGB', fromSource: true }), this.origin(node)) as PyPixels;
    }
    if (name === 'PIL.Image.open') return { ...pixels({ range: 'raw', order: 'RGB', fromSource: true }), pil: true } as PyPixels;
    if (name === 'cv2.cvtColor') return this.cvtColor(node, value(0, 'src'), argument(1, 'code'));
    if (name === 'cv2.resize') {
      const input = value(0, 'src');
      if (!isPixels(input)) return undefined;
      const interpolation = keywords.get('interpolation') ?? argument(5);
      return { ...input, resize: { api: 'cv2.resize', interpolation: interpolation ? lastSegment(interpolation.text) : 'INTER_LINEAR', node } };
    }
    if (IMAGE_DATA_GENERATOR.has(name)) return this.generator(node, keywords, frame);
    if (DATASET_FROM_DIRECTORY.has(name)) {
      return { kind: 'batches', pixels: pixels({ range: 'raw', order: 'RGB', fromSource: true }) };
    }
    if (RESCALING.has(name)) return this.rescaling(node, argument(0, 'scale'), argument(1, 'offset'), frame);
    if (KERAS_INPUT.has(name)) return { kind: 'symbolic', pixels: pixels({ range: 'opaque' }) };
    if (SEQUENTIAL.has(name)) return this.sequential(node, argument(0, 'layers'), frame);
    if (FUNCTIONAL_MODEL.has(name)) {
      // Keras 1 spelled them `input=` and `output=`.
      const outputs = value(1, 'outputs') ?? value(1, 'output');
      const inputs = value(0, 'inputs') ?? value(0, 'input');
      // `Model(base.input, base.get_layer(...).output)`: the outputs are opaque, but the input is the base's.
      const tensor = outputs?.kind === 'symbolic' ? outputs : inputs?.kind === 'symbolic' && inputs.base ? inputs : undefined;
      return this.modelFromSymbolic(node, tensor);
    }
    if (LOAD_MODEL.has(name)) {
      // Reloading what this file saved gives back the same model (train, save, reload, predict notebooks).
      const path = stringText(argument(0, 'filepath'));
      const saved = path === undefined ? undefined : this.exports.find((e) => e.path === path);
      return saved?.model ?? { kind: 'model', decidedAt: node };
    }
    if (TFJS_SAVE.has(name)) {
      const model = value(0, 'model');
      const path = stringText(argument(1, 'artifacts_dir'));
      if (model?.kind === 'model' && path) this.exports.push({ path, model, node });
      return undefined;
    }
    if (name === 'list') return { kind: 'tuple', items: [] };
    if (name === 'next' || name === 'iter') {
      const source = value(0);
      return source?.kind === 'batches' ? source.pixels : undefined;
    }
    return undefined;
  }

  private passThrough(input: PyValue | undefined, nesting = 0): PyValue | undefined {
    // `np.array(images)` of a list the file filled with `images.append(img)`: the images, if all alike.
    // Nesting is bounded: a list can contain itself (`a.append(a)`).
    if (input?.kind === 'tuple' && input.items.length > 0 && nesting < 4) {
      const items = input.items.map((item) => this.passThrough(item, nesting + 1));
      return items.slice(1).reduce((acc, v) => joinPy(acc, v), items[0]);
    }
    if (isPixels(input)) return { ...input, pil: false };
    return input?.kind === 'symbolic' || input?.kind === 'batches' ? input : undefined;
  }

  private cvtColor(node: PyNode, input: PyValue | undefined, code: PyNode | undefined): PyValue | undefined {
    if (!isPixels(input) || !code) return undefined;
    const conversion = lastSegment(code.text);
    if (/^COLOR_(BGR2RGB|RGB2BGR|BGRA2RGB|RGBA2BGR)$/.test(conversion)) return applyFlip(input, this.origin(node)) as PyPixels;
    if (/^COLOR_(BGRA2BGR|RGBA2RGB)$/.test(conversion)) return input;
    return pixels({ range: 'unknown' });
  }

  private application(node: PyNode, info: ModelInfo, keywords: Map<string, PyNode>): PyModel {
    const weights = keywords.get('weights');
    const weightsText = weights ? stringText(weights) : 'imagenet';
    // Random initialization (`weights=None`) or the user's own weights file: no ImageNet preprocessing contract.
    const pretrained = weightsText !== undefined && /imagenet|tf_dim_ordering|_weights_tf/i.test(weightsText);
    const preprocessingOff = keywords.get('include_preprocessing')?.text === 'False';
    if (!pretrained || preprocessingOff) return { kind: 'model', decidedAt: node };
    return { kind: 'model', info, decidedAt: node };
  }

  private generator(node: PyNode, keywords: Map<string, PyNode>, frame: Frame): Generator {
    const generator: Generator = { kind: 'generator', node };
    const rescaleNode = keywords.get('rescale');
    const rescale = rescaleNode ? this.evaluate(rescaleNode, frame) : undefined;
    if (rescaleNode && rescale?.kind === 'number' && rescale.operand.kind === 'scalar') {
      generator.rescale = { factor: rescale.operand.value, node: rescaleNode.parent ?? rescaleNode };
    }
    const fnNode = keywords.get('preprocessing_function');
    const fn = fnNode ? this.evaluate(fnNode, frame) : undefined;
    if (fn?.kind === 'preprocess' || fn?.kind === 'function') generator.preprocessing = fn;
    // Keras runs preprocessing_function first and multiplies by rescale afterwards, on the same images.
    if (fn?.kind === 'preprocess' && generator.rescale && generator.rescale.factor !== 1 && !fn.family.normalizesInside) {
      this.observations.push({ kind: 'generatorTwice', generator, fn });
    }
    return generator;
  }

  /** What a generator's batches look like: decoded images, then `preprocessing_function`, then `rescale`. */
  private flow(generator: Generator, source: PyPixels, frame: Frame): Batches {
    let value: PyPixels = source;
    const fn: Callable | undefined = generator.preprocessing;
    if (fn?.kind === 'preprocess') value = this.applyPreprocess(fn, value, generator.node, undefined);
    else if (fn?.kind === 'function') {
      const result = this.invoke(fn.node, [value], frame);
      value = isPixels(result) ? result : pixels({ range: 'unknown' });
    }
    if (generator.rescale) {
      value = applyArith(value, 'mul', { kind: 'scalar', value: generator.rescale.factor }, this.origin(generator.rescale.node)) as PyPixels;
    }
    return { kind: 'batches', pixels: value };
  }

  private rescaling(node: PyNode, scaleNode: PyNode | undefined, offsetNode: PyNode | undefined, frame: Frame): PyValue | undefined {
    const scale = scaleNode ? this.evaluate(scaleNode, frame) : undefined;
    const offset = offsetNode ? this.evaluate(offsetNode, frame) : undefined;
    if (scale?.kind !== 'number' || (offsetNode && offset?.kind !== 'number')) return undefined;
    return {
      kind: 'layer',
      node,
      apply: (input) => {
        const scaled = applyArith(input, 'mul', scale.operand, this.origin(node)) as PyPixels;
        return offset?.kind === 'number' ? (applyArith(scaled, 'add', offset.operand, this.origin(node)) as PyPixels) : scaled;
      },
    };
  }

  private sequential(node: PyNode, layersNode: PyNode | undefined, frame: Frame): PyModel {
    let tensor: Symbolic = { kind: 'symbolic', pixels: pixels({ range: 'opaque' }) };
    for (const layerNode of layersNode?.type === 'list' ? named(layersNode) : []) tensor = this.addLayer(tensor, layerNode, frame);
    const model = this.modelFromSymbolic(node, tensor);
    model.building = tensor;
    return model;
  }

  /** One layer of a Sequential model, from the list or from `model.add(layer)`. */
  private addLayer(tensor: Symbolic, layerNode: PyNode, frame: Frame): Symbolic {
    const layer = this.evaluate(layerNode, frame);
    if (layer?.kind === 'layer') return { ...tensor, pixels: layer.apply(tensor.pixels), normalizedBy: layer.node };
    if (layer?.kind === 'model') return this.throughModel(layerNode, tensor, layer);
    if (layer?.kind === 'preprocess') return { ...tensor, pixels: this.applyPreprocess(layer, tensor.pixels, layerNode, undefined), normalizedBy: layerNode };
    return tensor;
  }

  /** A pretrained application used as a layer: what the model did to its input so far must match it. */
  private throughModel(call: PyNode, tensor: Symbolic, model: PyModel): Symbolic {
    if (model.info && tensor.pixels.steps.length > 0) this.observations.push({ kind: 'modelInput', value: tensor.pixels, model, call });
    return { ...tensor, base: tensor.base ?? model };
  }

  /**
   * The expectation of a model built in the file: a model that normalizes its input with its own layers wants
   * raw pixels; one that starts with a pretrained application wants what the application wants; anything
   * else is a custom model whose expectation is whatever it is trained on.
   */
  private modelFromSymbolic(node: PyNode, tensor: Symbolic | undefined): PyModel {
    if (!tensor) return { kind: 'model', decidedAt: node };
    if (tensor.normalizedBy && tensor.pixels.range !== 'unknown') {
      const info: ModelInfo = { mode: 'raw', name: `the model built on line ${node.startPosition.row + 1}`, normalizesInside: true, keras: true };
      return { kind: 'model', info, decidedAt: tensor.normalizedBy };
    }
    if (tensor.base?.info && !tensor.normalizedBy) return { kind: 'model', info: tensor.base.info, decidedAt: tensor.base.decidedAt };
    return { kind: 'model', decidedAt: node };
  }

  private methodCall(
    node: PyNode,
    object: PyValue,
    method: string,
    argument: (i: number, k?: string) => PyNode | undefined,
    value: (i: number, k?: string) => PyValue | undefined,
    keywords: Map<string, PyNode>,
    frame: Frame,
  ): PyValue | undefined {
    if (object.kind === 'model' && method === 'add' && object.building) {
      const layerNode = argument(0, 'layer');
      if (layerNode) Object.assign(object, this.modelFromSymbolic(node, (object.building = this.addLayer(object.building, layerNode, frame))), { building: object.building });
      return undefined;
    }
    if (object.kind === 'model') return this.modelCall(node, object, method, argument, value, keywords, frame);
    if (object.kind === 'tuple' && method === 'append') {
      object.items.push(value(0));
      return undefined;
    }
    if (object.kind === 'generator' && FLOW_METHODS.has(method)) {
      if (method === 'flow') {
        const source = value(0, 'x');
        return this.flow(object, isPixels(source) ? source : pixels({ range: 'opaque' }), frame);
      }
      const batches = this.flow(object, pixels({ range: 'raw', order: 'RGB', fromSource: true }), frame);
      batches.loadImg = { interpolation: stringText(keywords.get('interpolation')) ?? 'nearest', node };
      return batches;
    }
    if (object.kind === 'batches') {
      if (method === 'map') {
        const fn = value(0, 'map_func');
        const mapped = fn?.kind === 'function' ? this.invoke(fn.node, [object.pixels], frame) : fn?.kind === 'preprocess' ? this.applyPreprocess(fn, object.pixels, node, undefined) : undefined;
        const images = mapped?.kind === 'tuple' ? mapped.items[0] : mapped;
        return { kind: 'batches', pixels: isPixels(images) ? images : pixels({ range: 'unknown' }) };
      }
      return PASS_THROUGH_METHODS.has(method) ? object : undefined;
    }
    if (isPixels(object)) {
      if (method === 'resize' && object.pil) {
        const resample = keywords.get('resample') ?? argument(1);
        // Pillow's Image.resize defaults to BICUBIC (since Pillow 7); load_img passes its own filter.
        return { ...object, resize: { api: 'PIL.Image.resize', interpolation: resample ? lastSegment(resample.text) : 'BICUBIC', node } };
      }
      if (PASS_THROUGH_METHODS.has(method)) return object;
      return undefined;
    }
    if (object.kind === 'symbolic') return object;
    return undefined;
  }

  private modelCall(
    node: PyNode,
    model: PyModel,
    method: string,
    argument: (i: number, k?: string) => PyNode | undefined,
    value: (i: number, k?: string) => PyValue | undefined,
    keywords: Map<string, PyNode>,
    frame: Frame,
  ): PyValue | undefined {
    if (EXPORT_METHODS.has(method)) {
      const path = stringText(argument(0, 'filepath'));
      if (path) this.exports.push({ path, model, node });
      return undefined;
    }
    if (!MODEL_INPUT_METHODS.has(method)) return undefined;
    const input = value(0, method === '__call__' ? 'inputs' : 'x');
    if (input?.kind === 'symbolic') return this.throughModel(node, input, model);
    const images = input?.kind === 'batches' ? input.pixels : input?.kind === 'tuple' ? asPixels(input.items[0]) : asPixels(input);
    if (TRAINING_METHODS.has(method) && input?.kind === 'batches' && input.loadImg) model.trainedThroughLoadImg = input.loadImg;
    if (images) {
      if (TRAINING_METHODS.has(method)) model.trainedWith = { value: images, at: node };
      this.observations.push({ kind: 'modelInput', value: images, model, call: node });
    }
    const validation = keywords.get('validation_data');
    const validationValue = validation ? this.evaluate(validation, frame) : undefined;
    const validationImages = validationValue?.kind === 'batches' ? validationValue.pixels : validationValue?.kind === 'tuple' ? asPixels(validationValue.items[0]) : undefined;
    if (validationImages) this.observations.push({ kind: 'modelInput', value: validationImages, model, call: node });
    return undefined;
  }

  private preprocess(node: PyNode, fn: PreprocessFunction, inputNode: PyNode | undefined, input: PyValue | undefined): PyValue | undefined {
    if (input?.kind === 'symbolic') return { ...input, pixels: this.applyPreprocess(fn, input.pixels, node, inputNode), normalizedBy: node };
    if (input?.kind === 'batches') return { kind: 'batches', pixels: this.applyPreprocess(fn, input.pixels, node, inputNode) };
    const start = isPixels(input) ? input : pixels({ range: 'opaque' });
    const result = this.applyPreprocess(fn, start, node, inputNode);
    this.observations.push({ kind: 'preprocessed', value: result, fn, call: node });
    return result;
  }

  /** `preprocess_input` of families that rescale inside the model is the identity. */
  private applyPreprocess(fn: PreprocessFunction, input: PyPixels, node: PyNode, inputNode: PyNode | undefined): PyPixels {
    if (fn.family.normalizesInside) return input;
    return applyPreprocessInput(input, fn.mode, this.origin(node, inputNode)) as PyPixels;
  }

  // ---- user functions ------------------------------------------------------------------------------------

  private userCall(fn: PyNode, call: PyNode, frame: Frame): PyValue | undefined {
    const { positional } = this.args(call);
    return this.invoke(fn, positional.map((arg) => this.evaluate(arg, frame)), frame);
  }

  /** Runs a `def`/`lambda` of this file with the given argument values (a few levels deep, then unknown). */
  private invoke(fn: PyNode, args: (PyValue | undefined)[], caller: Frame): PyValue | undefined {
    if (caller.depth >= MAX_CALL_DEPTH) return undefined;
    const frame: Frame = { scope: new Map(), globals: caller.globals, returns: [], depth: caller.depth + 1 };
    this.bindParameters(fn, args, frame);
    const body = field(fn, 'body');
    if (!body) return undefined;
    if (fn.type === 'lambda') return this.evaluate(body, frame);
    this.body(body, frame, undefined);
    return frame.returns.length === 0 ? undefined : frame.returns.slice(1).reduce((acc, v) => joinPy(acc, v), frame.returns[0]);
  }

  private bindParameters(fn: PyNode, args: (PyValue | undefined)[], frame: Frame): void {
    const parameters = field(fn, 'parameters');
    let index = 0;
    for (const parameter of parameters ? named(parameters) : []) {
      const nameNode = parameter.type === 'identifier' ? parameter : field(parameter, 'name') ?? named(parameter)[0];
      if (!nameNode || nameNode.type !== 'identifier') continue;
      if (nameNode.text === 'self' || nameNode.text === 'cls') continue;
      const given = args[index++];
      frame.scope.set(nameNode.text, given ?? (args.length === 0 ? pixels({ range: 'opaque' }) : undefined));
    }
  }
}

/** `preprocessing_function=preprocess_input`: an imported preprocess_input used as a value, not called. */
function referenced(value: PyValue | undefined): PyValue | undefined {
  if (value?.kind !== 'name') return value;
  const application = kerasApplicationName(value.name);
  if (application?.kind === 'preprocessInput') return { kind: 'preprocess', mode: application.info.mode, family: application.info };
  if (application?.kind === 'imagenetUtils') return { kind: 'preprocess', mode: 'caffe', family: IMAGENET_UTILS_CAFFE };
  return value;
}

const IMAGENET_UTILS_CAFFE: ModelInfo = { mode: 'caffe', name: "imagenet_utils (mode='caffe')", normalizesInside: false, keras: true };

function asPixels(value: PyValue | undefined): PyPixels | undefined {
  return isPixels(value) ? value : undefined;
}
