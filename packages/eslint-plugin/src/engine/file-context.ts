// One parsed source file as the engine sees it: AST with parents, scopes, comments, and its tfjs/sharp calls.
// The file being linted comes from ESLint; files it imports are parsed here (cached per path and mtime).
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findLibraryCalls, type LibraryCall } from './library-calls.js';

export interface FileContext {
  filename: string;
  ast: TSESTree.Program;
  scopeManager: TSESLint.Scope.ScopeManager;
  /** Calls to tfjs / sharp / @prepguard/preprocess / tfjs-models APIs, keyed by CallExpression. */
  libraryCalls: Map<TSESTree.Node, LibraryCall>;
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>;
}

export function createFileContext(
  filename: string,
  ast: TSESTree.Program,
  scopeManager: TSESLint.Scope.ScopeManager,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
): FileContext {
  return { filename, ast, scopeManager, libraryCalls: findLibraryCalls(scopeManager), visitorKeys };
}

/** Visit every node under `root` (iteratively: bundles nest deeper than the call stack). */
export function walk(file: FileContext, root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    const keys = file.visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k] as string];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as TSESTree.Node | null;
          if (c && typeof c.type === 'string') stack.push(c);
        }
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Resolve a relative import the way TS/Node ESM projects write them (`./x.js` may mean `./x.ts`). */
export function resolveRelativeImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const stem = base.replace(/\.(m|c)?(j|t)sx?$/, '');
  const candidates = [base, ...SOURCE_EXTENSIONS.map((e) => stem + e), ...SOURCE_EXTENSIONS.map((e) => path.join(base, 'index' + e))];
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

interface CachedFile {
  mtimeMs: number;
  context: FileContext | undefined;
}
// Shared across lint runs in one process; invalidated by mtime so editors see fresh helpers.
const parsedFiles = new Map<string, CachedFile>();
const MAX_IMPORTED_FILE_BYTES = 512 * 1024;

/** Parse an imported project file; undefined when it cannot be read or parsed (then the engine stays silent). */
export function loadImportedFile(filename: string): FileContext | undefined {
  let mtimeMs: number;
  let size: number;
  try {
    const stat = statSync(filename);
    mtimeMs = stat.mtimeMs;
    size = stat.size;
  } catch {
    return undefined;
  }
  const cached = parsedFiles.get(filename);
  if (cached && cached.mtimeMs === mtimeMs) return cached.context;
  let context: FileContext | undefined;
  if (size <= MAX_IMPORTED_FILE_BYTES && !filename.endsWith('.d.ts')) {
    try {
      const text = readFileSync(filename, 'utf8');
      const result = parseForESLint(text, {
        filePath: filename,
        sourceType: 'module',
        ecmaVersion: 'latest',
        range: true,
        loc: true,
        comment: true,
        jsx: /x$/.test(filename),
      });
      const ast = result.ast as unknown as TSESTree.Program;
      const visitorKeys = result.visitorKeys as unknown as Record<string, readonly string[]>;
      setParents(ast, visitorKeys);
      context = createFileContext(filename, ast, result.scopeManager as unknown as TSESLint.Scope.ScopeManager, visitorKeys);
    } catch {
      // A file we cannot parse is a file we know nothing about.
      context = undefined;
    }
  }
  parsedFiles.set(filename, { mtimeMs, context });
  return context;
}

function setParents(root: TSESTree.Node, visitorKeys: Record<string, readonly string[]>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      for (const c of children) {
        if (c && typeof c === 'object' && typeof (c as TSESTree.Node).type === 'string') {
          (c as { parent: TSESTree.Node }).parent = node;
          stack.push(c as TSESTree.Node);
        }
      }
    }
  }
}
