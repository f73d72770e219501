#!/usr/bin/env node
// How much does the Python analysis add to `prepguard audit` of a mixed repository? Audits the same
// repository twice per pass, in one process: once over its JS/TS files only, once over everything
// (JS/TS + .py + .ipynb); a warm-up pass first (it also loads the WebAssembly parser), then passes with the
// order alternating, and prints the ratio of the median times. Target: <= 1.10.
//
// The repository: by default the JS/TS files of packages/eslint-plugin/corpus plus the Python files and
// notebooks of packages/eslint-plugin/corpus/real-python (a worst case: every Python file there is Keras code,
// and the Python side is 17 times the JS/TS side in bytes); with --repo DIR, any checkout, e.g. a real
// repository that mixes Python training and JS/TS serving. --site-packages N adds N Keras files of the venv.
//
//   npx tsc -b packages/eslint-plugin && node bench/audit-python/bench.mjs [--runs N] [--repo DIR] [--site-packages N]
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = path.join(REPO_ROOT, 'packages/eslint-plugin/corpus');
const SITE_PACKAGES = path.join(REPO_ROOT, '.venv/lib/python3.11/site-packages/keras');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const runs = Number(option('--runs', 5));
const sitePackages = Number(option('--site-packages', 0));
const repo = option('--repo', null);

const { runAudit } = await import(path.join(REPO_ROOT, 'packages/eslint-plugin/dist/audit/index.js'));
const { auditPython } = await import(path.join(REPO_ROOT, 'packages/eslint-plugin/dist/python/audit-python.js'));

async function walk(dir, keep, out = []) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, keep, out);
    else if (keep(entry.name)) out.push(full);
  }
  return out;
}

const isJs = (name) => /\.(m|c)?[jt]sx?$/.test(name) && !name.endsWith('.d.ts');
const isPy = (name) => /\.(py|ipynb)$/.test(name);
const skipBuildOutput = (file) => !/[\\/](node_modules|dist|build)[\\/]/.test(file);
const jsFiles = (await walk(repo ? path.resolve(repo) : CORPUS, isJs)).filter(skipBuildOutput);
const pyFiles = (await walk(repo ? path.resolve(repo) : path.join(CORPUS, 'real-python'), isPy)).filter(skipBuildOutput);
if (sitePackages > 0) pyFiles.push(...(await walk(SITE_PACKAGES, (n) => n.endsWith('.py'))).slice(0, sitePackages));

const bytes = async (files) => (await Promise.all(files.map((f) => fs.stat(f)))).reduce((sum, s) => sum + s.size, 0);
async function time(paths) {
  const started = performance.now();
  const { report } = await runAudit({ paths, cwd: repo ? path.resolve(repo) : REPO_ROOT, settingsFile: null });
  return { ms: performance.now() - started, files: report.totals.filesLinted };
}

/** The Python pass alone (parse + analysis of every .py/.ipynb), as the audit runs it before ESLint. */
async function timePythonPass() {
  const started = performance.now();
  await auditPython(pyFiles, { prefix: '@prepguard', levels: new Map(), displayPath: (f) => f });
  return { ms: performance.now() - started };
}

await time([...jsFiles, ...pyFiles]); // warm-up: module loading, WebAssembly parser, ESLint caches
const jsOnly = [];
const mixed = [];
const pythonPass = [];
for (let run = 0; run < runs; run++) {
  if (run % 2 === 0) {
    jsOnly.push(await time(jsFiles));
    mixed.push(await time([...jsFiles, ...pyFiles]));
    pythonPass.push(await timePythonPass());
  } else {
    pythonPass.push(await timePythonPass());
    mixed.push(await time([...jsFiles, ...pyFiles]));
    jsOnly.push(await time(jsFiles));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const jsMs = median(jsOnly.map((r) => r.ms));
const mixedMs = median(mixed.map((r) => r.ms));
const pythonMs = median(pythonPass.map((r) => r.ms));
console.log(
  JSON.stringify(
    {
      repository: repo ?? 'corpus (JS/TS corpus + corpus/real-python)',
      jsFiles: jsFiles.length,
      jsKiB: Math.round((await bytes(jsFiles)) / 1024),
      pythonFiles: pyFiles.length,
      pythonKiB: Math.round((await bytes(pyFiles)) / 1024),
      runs,
      jsOnlyMedianMs: Math.round(jsMs),
      mixedMedianMs: Math.round(mixedMs),
      pythonPassMedianMs: Math.round(pythonMs),
      // What Python parsing and analysis add to the JS/TS audit (the target)...
      pythonParsingRatio: Number(((jsMs + pythonMs) / jsMs).toFixed(3)),
      // ...and the whole mixed audit, which also includes the JS/TS rules checking models the Python code trained.
      mixedRatio: Number((mixedMs / jsMs).toFixed(3)),
      msPerKiB: { js: Number((jsMs / ((await bytes(jsFiles)) / 1024)).toFixed(2)), python: Number((pythonMs / ((await bytes(pyFiles)) / 1024)).toFixed(2)) },
      target: 1.1,
    },
    null,
    2,
  ),
);
