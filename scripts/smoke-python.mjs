#!/usr/bin/env node
// Smoke test of the Python analysis on code nobody in this project wrote: every .py file of the
// project's Python environment (Keras, TensorFlow, NumPy, Pillow... in .venv/lib/python3.11/site-packages
// after `bash scripts/setup-python.sh`). Every file is parsed and interpreted, relevant or not
// (the early exit is switched off). A crash is any exception other than the typed parse errors.
//
//   node scripts/smoke-python.mjs [DIR...] [--limit N] [--json FILE]
//
// Needs a build first (`npx tsc -b packages/eslint-plugin`). Exit code 1 when anything crashed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DIR = path.join(REPO_ROOT, '.venv/lib/python3.11/site-packages');

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const limit = Number(option('--limit') ?? Infinity);
const jsonOut = option('--json');
const dirs = args.length > 0 ? args : [DEFAULT_DIR];

const { analyzePythonFile } = await import(path.join(REPO_ROOT, 'packages/eslint-plugin/dist/python/analyze-file.js'));

async function* pythonFiles(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.isSymbolicLink()) yield* pythonFiles(full);
    else if (entry.isFile() && entry.name.endsWith('.py')) yield full;
  }
}

const stats = { files: 0, bytes: 0, findings: 0, parseErrors: 0, crashes: [], ms: 0 };
const started = performance.now();
outer: for (const dir of dirs) {
  for await (const file of pythonFiles(dir)) {
    if (stats.files >= limit) break outer;
    const text = await fs.readFile(file, 'utf8');
    stats.files += 1;
    stats.bytes += text.length;
    try {
      const result = await analyzePythonFile(file, text, { force: true });
      stats.findings += result.findings.length;
    } catch (error) {
      if (error?.name === 'PythonParseError') stats.parseErrors += 1;
      else stats.crashes.push({ file, error: String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ') });
    }
  }
}
stats.ms = Math.round(performance.now() - started);
const summary = { ...stats, crashes: stats.crashes.length, crashList: stats.crashes.slice(0, 20), dirs };
console.log(JSON.stringify(summary, null, 2));
if (jsonOut) await fs.writeFile(jsonOut, JSON.stringify(summary, null, 2));
process.exit(stats.crashes.length > 0 ? 1 : 0);
