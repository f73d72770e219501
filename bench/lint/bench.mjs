#!/usr/bin/env node
// How much does @prepguard/eslint-plugin add to an ESLint run? Lints the same files with the
// same parser and the same core rules (ESLint's recommended set) with and without the plugin's
// `all` config, in one process: a warm-up pass, then passes that lint every file with both
// setups back to back (order alternating), and prints the ratio of the median pass times.
// Target: <= 1.05.
//
//   npm run build && npm run bench:lint
//   node bench/lint/bench.mjs [--files N] [--runs N] [--max-size KIB] [--plugin MODULE]
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import * as tsParser from '@typescript-eslint/parser';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PLUGIN_DIR = path.join(REPO_ROOT, 'packages/eslint-plugin');

function parseArgs(argv) {
  const options = { files: 2000, runs: 3, maxKiB: 64, plugin: path.join(PLUGIN_DIR, 'dist/index.js') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--files') options.files = Number(argv[++i]);
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--max-size') options.maxKiB = Number(argv[++i]);
    else if (arg === '--plugin') options.plugin = path.resolve(argv[++i]);
    else throw new Error(`Unknown option ${arg}`);
  }
  return options;
}

/**
 * The corpus: N files spread evenly over the sorted list of third-party sources (application-
 * sized files only, the size cap keeps bundles out), plus the plugin's own labelled corpus,
 * which is full of model calls and preprocessing, the code the rules do real work on.
 */
async function loadCorpus(options, collectFiles) {
  const thirdParty = [];
  for (const file of await collectFiles([path.join(REPO_ROOT, 'node_modules')], { cwd: REPO_ROOT, defaultIgnores: false })) {
    if ((await fs.stat(file)).size <= options.maxKiB * 1024) thirdParty.push(file);
  }
  const step = Math.max(1, thirdParty.length / options.files);
  const picked = [];
  for (let i = 0; i < thirdParty.length && picked.length < options.files; i += step) picked.push(thirdParty[Math.floor(i)]);
  const own = await collectFiles([path.join(PLUGIN_DIR, 'corpus')], { cwd: REPO_ROOT, defaultIgnores: true }).catch(() => []);
  const files = [...picked, ...own];
  return Promise.all(files.map(async (file) => ({ file, text: await fs.readFile(file, 'utf8') })));
}

function baseConfig() {
  const recommended = Object.fromEntries(
    [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([id]) => [id, 'error']),
  );
  return {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    rules: recommended,
  };
}

async function lintOne(eslint, { file, text }) {
  const started = performance.now();
  const [result] = await eslint.lintText(text, { filePath: file, warnIgnored: false });
  return { ms: performance.now() - started, problems: result?.messages.length ?? 0 };
}

/**
 * One pass over the corpus with both setups, interleaved file by file (which goes first
 * alternates), so load from other processes and GC drift land on both sides alike.
 */
async function pairedPass(without, withPlugin, corpus, fastest) {
  const pass = { without: 0, with: 0, problemsWithout: 0, problemsWith: 0 };
  for (const [index, entry] of corpus.entries()) {
    const order = index % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
    for (const side of order) {
      const { ms, problems } = await lintOne(side === 'with' ? withPlugin : without, entry);
      pass[side] += ms;
      fastest[side][index] = Math.min(fastest[side][index] ?? Infinity, ms);
      if (side === 'with') pass.problemsWith += problems;
      else pass.problemsWithout += problems;
    }
  }
  return pass;
}

const sum = (values) => values.reduce((total, value) => total + value, 0);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { collectFiles } = await import(pathToFileURL(path.join(PLUGIN_DIR, 'dist/audit/index.js')).href);
  const plugin = (await import(pathToFileURL(options.plugin).href)).default;
  const corpus = await loadCorpus(options, collectFiles);
  const megabytes = corpus.reduce((total, { text }) => total + Buffer.byteLength(text), 0) / 1e6;

  const base = baseConfig();
  const pluginConfigs = [plugin.configs.all].flat().map((config) => ({ ...config, files: base.files }));
  const common = { cwd: REPO_ROOT, overrideConfigFile: true };
  const unignore = { ignores: ['!**/node_modules/'] };
  const without = new ESLint({ ...common, overrideConfig: [unignore, base] });
  const withPlugin = new ESLint({ ...common, overrideConfig: [unignore, base, ...pluginConfigs] });

  console.log(`bench:lint: ${corpus.length} files (${megabytes.toFixed(1)} MB), one warm-up pass then ${options.runs} paired passes`);
  // Per file, the fastest of all passes: a second estimate that ignores passes hit by outside load.
  const fastest = { without: [], with: [] };
  await pairedPass(without, withPlugin, corpus, { without: [], with: [] });
  const times = { without: [], with: [] };
  let pluginFindings = 0;
  for (let run = 0; run < options.runs; run += 1) {
    const pass = await pairedPass(without, withPlugin, corpus, fastest);
    times.without.push(pass.without);
    times.with.push(pass.with);
    pluginFindings = pass.problemsWith - pass.problemsWithout;
    console.log(`  pass ${run + 1}: without ${pass.without.toFixed(0)} ms, with ${pass.with.toFixed(0)} ms, ratio ${(pass.with / pass.without).toFixed(3)}`);
  }
  const result = {
    files: corpus.length,
    megabytes: Number(megabytes.toFixed(1)),
    runs: options.runs,
    medianWithoutMs: Math.round(median(times.without)),
    medianWithMs: Math.round(median(times.with)),
    ratio: Number((median(times.with) / median(times.without)).toFixed(3)),
    fastestPerFileRatio: Number((sum(fastest.with) / sum(fastest.without)).toFixed(3)),
    pluginFindings,
  };
  console.log(`\nESLint (recommended core rules) without the plugin: median ${result.medianWithoutMs} ms`);
  console.log(`ESLint (recommended core rules) with prepguard/all:  median ${result.medianWithMs} ms`);
  console.log(`ratio with/without: ${result.ratio} (target <= 1.05); from each file's fastest pass: ${result.fastestPerFileRatio}`);
  // Where the plugin's time goes: the files it adds the most to, for whoever optimizes the rules.
  const added = corpus
    .map(({ file }, index) => ({ file: path.relative(REPO_ROOT, file), ms: fastest.with[index] - fastest.without[index] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10);
  console.log('files the plugin adds the most time to (fastest pass each):');
  for (const { file, ms } of added) console.log(`  +${ms.toFixed(1)} ms  ${file}`);
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
