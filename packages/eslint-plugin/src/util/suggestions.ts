// Suggestion fixers (never autofixes: changing preprocessing changes what the model sees).
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
const PACKAGE = '@prepguard/preprocess';

/** How `preprocessInput` can be called in this file, and the edit that makes it available. */
function preprocessInputCallee(context: Context, fixer: TSESLint.RuleFixer): { callee: string; fixes: TSESLint.RuleFix[] } {
  const program = context.sourceCode.ast;
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === 'ImportDeclaration');
  const existing = imports.find((i) => i.source.value === PACKAGE && i.importKind !== 'type');
  if (existing) {
    for (const spec of existing.specifiers) {
      if (spec.type === 'ImportNamespaceSpecifier') return { callee: `${spec.local.name}.preprocessInput`, fixes: [] };
      if (spec.type === 'ImportSpecifier' && spec.imported.type === 'Identifier' && spec.imported.name === 'preprocessInput') {
        return { callee: spec.local.name, fixes: [] };
      }
    }
    const named = existing.specifiers.filter((s) => s.type === 'ImportSpecifier');
    const lastNamed = named[named.length - 1];
    if (lastNamed) return { callee: 'preprocessInput', fixes: [fixer.insertTextAfter(lastNamed, ', preprocessInput')] };
  }
  const lastImport = imports[imports.length - 1];
  if (lastImport) {
    return { callee: 'preprocessInput', fixes: [fixer.insertTextAfter(lastImport, `\nimport { preprocessInput } from '${PACKAGE}';`)] };
  }
  const usesRequire = program.sourceType === 'script';
  const line = usesRequire
    ? `const { preprocessInput } = require('${PACKAGE}');\n`
    : `import { preprocessInput } from '${PACKAGE}';\n`;
  const first = program.body[0];
  const directive = first?.type === 'ExpressionStatement' && first.directive ? first : undefined;
  return {
    callee: 'preprocessInput',
    fixes: [directive ? fixer.insertTextAfter(directive, `\n${line.trimEnd()}`) : fixer.insertTextBeforeRange([0, 0], line)],
  };
}

/** Replace `replaced` (a normalization chain) by `preprocessInput(<input>, { mode })`. */
export function usePreprocessInput(
  context: Context,
  replaced: TSESTree.Node,
  input: TSESTree.Node,
  mode: string,
): TSESLint.ReportFixFunction {
  return (fixer) => {
    const { callee, fixes } = preprocessInputCallee(context, fixer);
    const inputText = context.sourceCode.getText(input);
    return [fixer.replaceText(replaced, `${callee}(${inputText}, { mode: '${mode}' })`), ...fixes];
  };
}

/** Replace `replaced` by its input: drop one preprocessing step. */
export function removeStep(context: Context, replaced: TSESTree.Node, input: TSESTree.Node): TSESLint.ReportFixFunction {
  return (fixer) => fixer.replaceText(replaced, context.sourceCode.getText(input));
}

/** A step can be rewritten when both ends are in this file and the input is inside the replaced expression. */
export function canRewrite(
  replaced: TSESTree.Node | undefined,
  input: TSESTree.Node | undefined,
  sameFile: boolean,
  elementwise = false,
): boolean {
  if (!replaced || !input || !sameFile || elementwise) return false;
  if (replaced.type === 'AssignmentExpression') return false;
  return replaced !== input && chainOf(replaced).has(input);
}

/**
 * The expressions a value chain is built from: `a.div(255).sub(1)` -> the calls and `a`; `tf.div(a, 255)` -> `a`.
 * Only these may be folded into one preprocessInput call; `tf.stack([r.sub(…), …])` may not.
 */
export function chainOf(outer: TSESTree.Node): Set<TSESTree.Node> {
  const chain = new Set<TSESTree.Node>();
  const visit = (node: TSESTree.Node): void => {
    chain.add(node);
    if (node.type === 'CallExpression') {
      if (node.callee.type === 'MemberExpression') visit(node.callee.object);
      const first = node.arguments[0];
      if (first && first.type !== 'SpreadElement') visit(first);
    } else if (node.type === 'BinaryExpression' && node.left.type !== 'PrivateIdentifier') {
      visit(node.left);
    } else if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'ChainExpression') {
      visit(node.expression);
    } else if (node.type === 'AwaitExpression') {
      visit(node.argument);
    }
  };
  visit(outer);
  return chain;
}
