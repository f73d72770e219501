// Cross-file value flow: what an `import`/`require` of a project file binds to.
import type { TSESTree } from '@typescript-eslint/utils';
import { loadImportedFile, resolveRelativeImport, type FileContext } from './file-context.js';

/** Where an exported name is defined: a function, or an expression/identifier to evaluate in `file`. */
export type ExportTarget =
  | { kind: 'function'; fn: TSESTree.FunctionLike; file: FileContext }
  | { kind: 'identifier'; id: TSESTree.Identifier; file: FileContext }
  | { kind: 'expression'; node: TSESTree.Node; file: FileContext };

export function importTarget(from: FileContext, specifier: string, name: string, seen = new Set<string>()): ExportTarget | undefined {
  const resolved = resolveRelativeImport(from.filename, specifier);
  if (!resolved || seen.has(resolved) || seen.size > 8) return undefined;
  seen.add(resolved);
  const file = loadImportedFile(resolved);
  return file ? findExport(file, name, seen) : undefined;
}

function fromDeclaration(decl: TSESTree.Node, name: string, file: FileContext): ExportTarget | undefined {
  if ((decl.type === 'FunctionDeclaration' || decl.type === 'TSDeclareFunction') && decl.id?.name === name) {
    return decl.type === 'FunctionDeclaration' ? { kind: 'function', fn: decl, file } : undefined;
  }
  if (decl.type === 'VariableDeclaration') {
    for (const d of decl.declarations) {
      if (d.id.type === 'Identifier' && d.id.name === name) {
        const init = d.init;
        if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) {
          return { kind: 'function', fn: init, file };
        }
        return { kind: 'identifier', id: d.id, file };
      }
    }
  }
  return undefined;
}

export function findLocal(file: FileContext, name: string): ExportTarget | undefined {
  for (const statement of file.ast.body) {
    const decl = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    const target = fromDeclaration(decl, name, file);
    if (target) return target;
  }
  return undefined;
}

function findExport(file: FileContext, name: string, seen: Set<string>): ExportTarget | undefined {
  for (const statement of file.ast.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration) {
        const target = fromDeclaration(statement.declaration, name, file);
        if (target) return target;
      }
      for (const spec of statement.specifiers) {
        const exported = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
        if (exported !== name) continue;
        const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
        if (statement.source) return importTarget(file, statement.source.value, local, seen);
        return findLocal(file, local);
      }
    }
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default') {
      const decl = statement.declaration;
      if (decl.type === 'FunctionDeclaration' || decl.type === 'ArrowFunctionExpression' || decl.type === 'FunctionExpression') {
        return { kind: 'function', fn: decl, file };
      }
      if (decl.type === 'Identifier') return findLocal(file, decl.name);
      return { kind: 'expression', node: decl, file };
    }
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const target = importTarget(file, statement.source.value, name, seen);
      if (target) return target;
    }
    // CommonJS: module.exports = { name }, module.exports.name = ..., exports.name = ...
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      const target = commonJsExport(left, right, name, file);
      if (target) return target;
    }
  }
  return undefined;
}

function isModuleExports(node: TSESTree.Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'module' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'exports'
  );
}

function commonJsExport(left: TSESTree.Node, right: TSESTree.Expression, name: string, file: FileContext): ExportTarget | undefined {
  const asTarget = (value: TSESTree.Node): ExportTarget | undefined => {
    if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') return { kind: 'function', fn: value, file };
    if (value.type === 'Identifier') return findLocal(file, value.name) ?? { kind: 'identifier', id: value, file };
    return { kind: 'expression', node: value, file };
  };
  if (isModuleExports(left) && right.type === 'ObjectExpression') {
    for (const prop of right.properties) {
      if (prop.type === 'Property' && !prop.computed && prop.key.type === 'Identifier' && prop.key.name === name) {
        return asTarget(prop.value);
      }
    }
  }
  if (
    left.type === 'MemberExpression' &&
    !left.computed &&
    left.property.type === 'Identifier' &&
    left.property.name === name &&
    (isModuleExports(left.object) || (left.object.type === 'Identifier' && left.object.name === 'exports'))
  ) {
    return asTarget(right);
  }
  return undefined;
}
