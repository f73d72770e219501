// Scope and control-flow helpers: which write of a variable a read sees.
import { ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileContext } from './file-context.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: TSESTree.Node | undefined): node is FunctionNode {
  return (
    node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression'
  );
}

export function scopeOf(file: FileContext, node: TSESTree.Node): TSESLint.Scope.Scope | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    const scope = file.scopeManager.acquire(current, true);
    if (scope) return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
  }
  return file.scopeManager.globalScope ?? undefined;
}

export function variableOf(file: FileContext, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  const scope = scopeOf(file, identifier);
  if (!scope) return undefined;
  return ASTUtils.findVariable(scope, identifier) ?? undefined;
}

export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

const CONDITIONAL_PARENTS = new Set([
  'IfStatement',
  'ConditionalExpression',
  'LogicalExpression',
  'SwitchCase',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
  'TryStatement',
  'CatchClause',
]);

/** True when `write` may not run before `use` although it precedes it (it sits in a branch or loop the use is outside of). */
export function isConditionalRelativeTo(write: TSESTree.Node, use: TSESTree.Node): boolean {
  const fn = enclosingFunction(write);
  for (let current = write.parent; current && current !== fn; current = current.parent) {
    if (CONDITIONAL_PARENTS.has(current.type) && !contains(current, use)) return true;
  }
  return false;
}

/** True when `a` and `b` sit in different branches of one `if` (or `? :`, `switch`): neither runs after the other. */
export function inExclusiveBranches(a: TSESTree.Node, b: TSESTree.Node): boolean {
  for (let current = a.parent; current; current = current.parent) {
    if (!contains(current, b)) continue;
    // `current` is the innermost node holding both.
    const branches: (TSESTree.Node | null | undefined)[] =
      current.type === 'IfStatement' || current.type === 'ConditionalExpression'
        ? [current.consequent, current.alternate]
        : current.type === 'SwitchStatement'
          ? current.cases
          : [];
    const branchOf = (n: TSESTree.Node) => branches.findIndex((br) => br && contains(br, n));
    const ia = branchOf(a);
    const ib = branchOf(b);
    return ia >= 0 && ib >= 0 && ia !== ib;
  }
  return false;
}

/** The statement a declaration belongs to, for JSDoc lookup. */
export function declarationStatement(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    (current.type === 'VariableDeclarator' ||
      current.parent.type === 'ExportNamedDeclaration' ||
      current.parent.type === 'VariableDeclaration' ||
      current.parent.type === 'AwaitExpression' ||
      (current.parent.type === 'AssignmentExpression' && current.parent.parent?.type === 'ExpressionStatement') ||
      current.parent.type === 'ExpressionStatement')
  ) {
    current = current.parent;
  }
  return current;
}

/** The block comment directly above `statement`, if any. */
export function leadingBlockComment(file: FileContext, statement: TSESTree.Node): TSESTree.Comment | undefined {
  const comments = file.ast.comments ?? [];
  let found: TSESTree.Comment | undefined;
  for (const comment of comments) {
    if (comment.range[1] > statement.range[0]) break;
    if (comment.type === 'Block' && statement.loc.start.line - comment.loc.end.line <= 1) found = comment;
  }
  return found;
}

export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

/** Strip syntax that does not change the value: parentheses are already gone; TS casts, `!`, `?.`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (
      current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSTypeAssertion' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'ChainExpression'
    ) {
      current = current.expression;
    } else return current;
  }
}

/** Trailing constant of an index expression: `i` -> 0, `i + 2` -> 2, `p * 3 + 1` -> 1. */
export function indexOffset(index: TSESTree.Node): number | undefined {
  const node = unwrap(index);
  if (node.type === 'Identifier') return 0;
  if (node.type === 'Literal' && typeof node.value === 'number') return undefined;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    if (node.right.type === 'Literal' && typeof node.right.value === 'number') return node.right.value;
    if (node.left.type === 'Literal' && typeof node.left.value === 'number') return node.left.value;
    return 0;
  }
  if (node.type === 'BinaryExpression' && node.operator === '*') return 0;
  if (node.type === 'UpdateExpression') return 0;
  return undefined;
}
