// React: where components keep models and images between renders. The engine reads a state holder as the
// values written into it:
// - `const [model, setModel] = useState(init)`: `init` and whatever reaches `setModel(x)` or `.then(setModel)`;
// - `this.state.model` in a class component: the `model` entries of `this.setState({ model: x })` and of the
//   `this.state = { ... }` initializer;
// - `useRef`: `ref.current = x` is an ordinary property write (see the evaluator's property writes).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { walk, type FileContext } from '../file-context.js';
import { propertyName, unwrap, variableOf } from '../scope.js';

const STATE_HOOKS = new Set(['useState', 'useReducer']);

function isStateHook(callee: TSESTree.Node): boolean {
  const node = unwrap(callee);
  if (node.type === 'Identifier') return STATE_HOOKS.has(node.name);
  return node.type === 'MemberExpression' && STATE_HOOKS.has(propertyName(node) ?? '');
}

/** A value that reaches a state holder: an expression to evaluate, or the resolved value of a promise. */
export type StateWrite = { kind: 'value'; node: TSESTree.Node } | { kind: 'resolved'; promise: TSESTree.Node };

const isPlaceholder = (node: TSESTree.Node | undefined) =>
  !node || (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');

/** What flows into the state variable `[value, setValue] = useState(...)`; undefined when `variable` is not one. */
export function useStateWrites(variable: TSESLint.Scope.Variable, file: FileContext): StateWrite[] | undefined {
  const def = variable.defs[0];
  if (def?.type !== 'Variable' || def.node.type !== 'VariableDeclarator') return undefined;
  const { id, init } = def.node;
  if (id.type !== 'ArrayPattern' || id.elements[0] !== def.name || !init || init.type !== 'CallExpression' || !isStateHook(init.callee)) {
    return undefined;
  }
  const writes: StateWrite[] = [];
  const initial = init.arguments[0];
  if (initial && initial.type !== 'SpreadElement' && !isPlaceholder(initial) && !isFunctionLike(initial)) writes.push({ kind: 'value', node: initial });
  const setter = id.elements[1];
  const setterVariable = setter?.type === 'Identifier' ? variableOf(file, setter) : undefined;
  for (const ref of setterVariable?.references ?? []) {
    const use = ref.identifier;
    const parent = use.parent;
    if (parent?.type === 'CallExpression' && parent.callee === use) {
      const arg = parent.arguments[0];
      // setModel(prev => ...) computes from the previous state: not followed.
      if (arg && arg.type !== 'SpreadElement' && !isPlaceholder(arg) && !isFunctionLike(arg)) writes.push({ kind: 'value', node: arg });
    } else if (
      parent?.type === 'CallExpression' &&
      parent.arguments[0] === use &&
      parent.callee.type === 'MemberExpression' &&
      propertyName(parent.callee) === 'then'
    ) {
      writes.push({ kind: 'resolved', promise: parent.callee.object });
    }
  }
  return writes;
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

/** `this.state.<name>` of a class component: the `<name>` entries of `this.setState({...})` and `this.state = {...}`. */
export function classStateWrites(body: TSESTree.ClassBody, name: string, file: FileContext): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  const take = (object: TSESTree.Node | undefined) => {
    if (object?.type !== 'ObjectExpression') return;
    for (const prop of object.properties) {
      if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier' && prop.key.name === name && !isPlaceholder(prop.value)) {
        found.push(prop.value);
      }
    }
  };
  walk(file, body, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'ThisExpression' && propertyName(node.callee) === 'setState') {
      const arg = node.arguments[0];
      if (arg && arg.type !== 'SpreadElement') take(unwrap(arg));
    }
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression' && propertyName(node.left) === 'state') {
      take(unwrap(node.right));
    }
    if (node.type === 'PropertyDefinition' && !node.computed && node.key.type === 'Identifier' && node.key.name === 'state' && node.value) take(unwrap(node.value));
  });
  return found;
}

/** `this.state.x`: the member read is on a class component's state. */
export function isClassStateRead(member: TSESTree.MemberExpression): boolean {
  const object = member.object;
  return object.type === 'MemberExpression' && object.object.type === 'ThisExpression' && propertyName(object) === 'state';
}
