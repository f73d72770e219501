// The files around the linted one that a reader would open too: the project's model.json files and the HTML
// pages that include scripts. Found by one bounded walk of the project folder, cached per folder.
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const MAX_SCAN_DEPTH = 6;
const MAX_SCANNED_DIRS = 400;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'build', 'out', 'vendor', 'bower_components']);

/**
 * The folder a project lives in: the nearest ancestor with a package.json or .git, at most four levels up, and
 * never above the directory ESLint runs in (the user's project) when the file lies inside it.
 */
export function projectRoot(fromFile: string): string {
  const start = path.dirname(fromFile);
  const key = `${workingDirectory}\0${start}`;
  const cached = rootByDir.get(key);
  if (cached) return cached;
  const insideCwd = workingDirectory !== undefined && (start === workingDirectory || start.startsWith(workingDirectory + path.sep));
  let root = insideCwd ? (workingDirectory as string) : path.dirname(start);
  let dir = start;
  for (let i = 0; i < 4; i++) {
    if (existsSync(path.join(dir, 'package.json')) || existsSync(path.join(dir, '.git'))) {
      root = dir;
      break;
    }
    if (insideCwd && dir === workingDirectory) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  rootByDir.set(key, root);
  return root;
}

let workingDirectory: string | undefined;

/** The directory ESLint lints from (`context.cwd`), set by the analysis before each file. */
export function setWorkingDirectory(cwd: string | undefined): void {
  workingDirectory = cwd ? path.resolve(cwd) : undefined;
}

const rootByDir = new Map<string, string>();

export interface ProjectFiles {
  /** TF.js model descriptions: `model.json`, `*_model.json`, `*-model.json`. */
  modelJson: string[];
  /** `metadata.json` files (Teachable Machine exports keep one beside model.json). */
  metadata: string[];
  html: string[];
  scripts: string[];
  /** Python sources and notebooks: training code says how a model's inputs were prepared. */
  python: string[];
  notebooks: string[];
}

const byRoot = new Map<string, ProjectFiles>();

export function projectFiles(root: string): ProjectFiles {
  const cached = byRoot.get(root);
  if (cached) return cached;
  const files: ProjectFiles = { modelJson: [], metadata: [], html: [], scripts: [], python: [], notebooks: [] };
  let scanned = 0;
  const visit = (dir: string, depth: number) => {
    if (depth > MAX_SCAN_DEPTH || scanned++ > MAX_SCANNED_DIRS) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) visit(full, depth + 1);
      } else if (entry.isFile()) {
        if (/model\.json$/i.test(entry.name)) files.modelJson.push(full);
        else if (entry.name === 'metadata.json') files.metadata.push(full);
        else if (/\.html?$/i.test(entry.name)) files.html.push(full);
        else if (/\.(m|c)?jsx?$/i.test(entry.name)) files.scripts.push(full);
        else if (/\.py$/i.test(entry.name)) files.python.push(full);
        else if (/\.ipynb$/i.test(entry.name)) files.notebooks.push(full);
      }
    }
  };
  visit(root, 0);
  byRoot.set(root, files);
  return files;
}
