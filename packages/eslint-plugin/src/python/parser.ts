// The Python parser: tree-sitter's Python grammar compiled to WebAssembly, so it installs from npm with no
// compiler and no Python. Loaded once per process; each parse returns a tree that must be deleted.
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as PyNode } from 'web-tree-sitter';

/** The file could not be read as Python at all (the parser gave up, or it is not text). */
export class PythonParseError extends Error {
  constructor(
    readonly file: string,
    cause: string,
  ) {
    super(`Cannot parse ${file} as Python: ${cause}`);
    this.name = 'PythonParseError';
  }
}

let parserPromise: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function pythonParser(): Promise<Parser> {
  parserPromise ??= createParser();
  return parserPromise;
}

/**
 * Parses `source` and hands the tree to `use`, freeing it afterwards (trees live in WebAssembly memory,
 * which the garbage collector does not see). Tree-sitter recovers from syntax errors, so a file with a
 * typo still yields a tree; the analysis just skips the broken statements.
 */
export async function withPythonTree<T>(file: string, source: string, use: (root: Node) => T): Promise<T> {
  const parser = await pythonParser();
  let tree: Tree | null;
  try {
    tree = parser.parse(source);
  } catch (error) {
    throw new PythonParseError(file, (error as Error).message);
  }
  if (!tree) throw new PythonParseError(file, 'the parser returned no tree');
  try {
    return use(tree.rootNode);
  } finally {
    tree.delete();
  }
}
