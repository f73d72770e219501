/** Finds the source files an audit lints. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isPythonFile } from '../python/audit-python.js';
import { AuditUsageError } from './args.js';

/** Extensions the audit lints; TypeScript ones go through @typescript-eslint/parser, like the rest. */
export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'] as const;

/** Directory names skipped while walking, unless default ignores are turned off. */
export const DEFAULT_IGNORED_DIRECTORIES = ['node_modules', 'dist', 'build', 'coverage'] as const;

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** Declaration files hold no runtime code, so no pixel ever flows through them. */
export function isLintableSourceFile(fileName: string): boolean {
  if (DECLARATION_FILE.test(fileName)) return false;
  if (isPythonFile(fileName)) return true; // analysed by src/python, not by ESLint
  return (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(fileName));
}

function isIgnoredDirectory(name: string): boolean {
  return name.startsWith('.') || (DEFAULT_IGNORED_DIRECTORIES as readonly string[]).includes(name);
}

export interface CollectOptions {
  cwd: string;
  defaultIgnores: boolean;
}

/**
 * Expands the command-line paths into a sorted, de-duplicated list of absolute file paths.
 * A path given explicitly is always linted, even inside an ignored directory; ignores only
 * apply to what the walk discovers. Symbolic links are not followed (no cycles, and linked
 * workspace packages are audited where they live).
 */
export async function collectFiles(paths: readonly string[], options: CollectOptions): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(options.cwd, given);
    const stat = await fs.stat(absolute).catch(() => null);
    if (stat === null) throw new AuditUsageError(`No such file or directory: ${given}`);
    if (stat.isFile()) {
      // Named files of other kinds (say, from `git ls-files`) are skipped, not linted as JS.
      if (isLintableSourceFile(absolute)) found.add(absolute);
    } else if (stat.isDirectory()) {
      await walk(absolute, options.defaultIgnores, found);
    } else {
      throw new AuditUsageError(`Not a file or directory: ${given}`);
    }
  }
  return [...found].sort();
}

async function walk(directory: string, defaultIgnores: boolean, found: Set<string>): Promise<void> {
  const entries = await fs.readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (defaultIgnores && isIgnoredDirectory(entry.name)) continue;
      await walk(full, defaultIgnores, found);
    } else if (entry.isFile() && isLintableSourceFile(entry.name)) {
      found.add(full);
    }
  }
}
