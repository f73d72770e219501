// Branches the arguments rule out: a helper called as `prep(img, 'vgg16')` only returns from the branches whose
// conditions can hold for that argument (`if (name === 'inception') ...` is skipped).
import { ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import type { Env } from './evaluator.js';
import type { FileContext } from './file-context.js';
import { scopeOf, unwrap, variableOf, type FunctionNode } from './scope.js';

/**
 * The constant an expression holds under `env`: literals and consts, a `let` written once, a parameter whose
 * argument is one. `{ value: undefined }` is the known constant `undefined`; `undefined` means "not known".
 */
export function constantOf(node: TSESTree.Node | undefined, file: FileContext, env: Env, depth = 0): { value: unknown } | undefined {
  if (!node || depth > 4) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') {
    if (inner.name === 'undefined') return { value: undefined };
    const variable = variableOf(file, inner);
    if (!variable) return undefined;
    const arg = env.args?.get(variable);
    if (arg) return arg.node ? constantOf(arg.node, arg.file, arg.env, depth + 1) : { value: undefined };
    const def = variable.defs[0];
    const writes = variable.references.filter((r) => r.isWrite());
    if (def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.id === def.name && def.node.init && writes.length === 1) {
      return constantOf(def.node.init, file, env, depth + 1);
    }
    return undefined;
  }
  const scope = scopeOf(file, inner);
  const known = scope ? ASTUtils.getStaticValue(inner, scope) : null;
  return known ? { value: known.value } : undefined;
}

/** Whether an `if` test is statically true or false under `env` (equality against constants only). */
export function conditionOf(test: TSESTree.Node, file: FileContext, env: Env): boolean | undefined {
  const inner = unwrap(test);
  if (inner.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(inner.operator) && inner.left.type !== 'PrivateIdentifier') {
    const left = constantOf(inner.left, file, env);
    const right = left ? constantOf(inner.right, file, env) : undefined;
    if (!left || !right) return undefined;
    const equal = inner.operator.length === 3 ? left.value === right.value : left.value == right.value; // eslint-disable-line eqeqeq
    return inner.operator.startsWith('!') ? !equal : equal;
  }
  return undefined;
}

/** A return inside an `if` branch that the arguments rule out does not contribute to the result. */
export function reachable(node: TSESTree.Node, fn: FunctionNode, file: FileContext, env: Env): boolean {
  if (!env.args || env.args.size === 0) return true;
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
    if (current.type !== 'IfStatement' || child === current.test) continue;
    const condition = conditionOf(current.test, file, env);
    if (condition === undefined) continue;
    if ((child === current.consequent && !condition) || (child === current.alternate && condition)) return false;
  }
  return true;
}
