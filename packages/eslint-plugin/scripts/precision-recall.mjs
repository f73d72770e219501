#!/usr/bin/env node
// Lints the labelled corpus (corpus/**) with real ESLint and the built plugin, and reports precision and
// recall per rule. Labels are `// expect: <rule>[, <rule>]` comments on the line a rule must report.
//   node scripts/precision-recall.mjs           print the table
//   node scripts/precision-recall.mjs --write   also update corpus/metrics.json, src/measured-metrics.ts
//                                               and the "Measured precision and recall" section of each rule doc
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../dist/index.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(PACKAGE_DIR, 'corpus');
const LABEL = /\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/;
const RULES = Object.keys(plugin.rules);

function labelsOf(text) {
  const labels = [];
  text.split('\n').forEach((line, i) => {
    const match = LABEL.exec(line);
    if (!match) return;
    for (const rule of match[1].split(',').map((r) => r.trim())) {
      if (!RULES.includes(rule)) throw new Error(`unknown rule "${rule}" in a corpus label (line ${i + 1})`);
      labels.push({ rule, line: i + 1 });
    }
  });
  return labels;
}

export async function measure() {
  const settings = JSON.parse(readFileSync(path.join(CORPUS, 'eslint.settings.json'), 'utf8'));
  const eslint = new ESLint({
    cwd: CORPUS,
    overrideConfigFile: true,
    overrideConfig: [
      // corpus/real holds third-party files labelled in SOURCE.json, not with `// expect:` comments.
      { ignores: ['real/**'] },
      {
        files: ['**/*.{js,mjs,cjs,ts,tsx}'],
        plugins: { '@prepguard': plugin },
        rules: Object.fromEntries(RULES.map((r) => [`@prepguard/${r}`, 'error'])),
        settings,
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      },
      { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
      { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
      // Python corpus with its own labels and script (scripts/precision-recall-python.mjs).
      { ignores: ['real-python/**'] },
    ],
  });
  const results = await eslint.lintFiles(['**/*.{js,mjs,cjs,ts,tsx}']);
  const counts = Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const misses = [];
  for (const result of results) {
    const relative = path.relative(CORPUS, result.filePath);
    const fatal = result.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${relative}:${fatal.line}: ${fatal.message}`);
    const expected = labelsOf(readFileSync(result.filePath, 'utf8'));
    const reported = result.messages
      .filter((m) => m.ruleId?.startsWith('@prepguard/'))
      .map((m) => ({ rule: m.ruleId.slice('@prepguard/'.length), line: m.line, message: m.message }));
    // One label matches every report of its rule on its line (a rule may report two problems on one call).
    for (const label of expected) {
      const hit = reported.some((r) => r.rule === label.rule && r.line === label.line);
      if (hit) counts[label.rule].tp += 1;
      else {
        counts[label.rule].fn += 1;
        misses.push(`FN ${label.rule} ${relative}:${label.line}`);
      }
    }
    const seen = new Set();
    for (const report of reported) {
      const key = `${report.rule}:${report.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!expected.some((l) => l.rule === report.rule && l.line === report.line)) {
        counts[report.rule].fp += 1;
        misses.push(`FP ${report.rule} ${relative}:${report.line} ${report.message}`);
      }
    }
  }
  const rules = {};
  for (const [rule, { tp, fp, fn }] of Object.entries(counts)) {
    rules[rule] = {
      precision: tp + fp === 0 ? null : round(tp / (tp + fp)),
      recall: tp + fn === 0 ? null : round(tp / (tp + fn)),
      tp,
      fp,
      fn,
    };
  }
  return { rules, files: results.length, misses };
}

const round = (x) => Math.round(x * 1000) / 1000;
const percent = (x) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);

function updateDocs(metrics) {
  for (const [rule, m] of Object.entries(metrics.rules)) {
    const file = path.join(PACKAGE_DIR, 'docs', 'rules', `${rule}.md`);
    const doc = readFileSync(file, 'utf8');
    const block = [
      '<!-- begin measured metrics -->',
      `Measured on the labelled corpus in [\`corpus/\`](../../corpus/) (${metrics.files} files, written for this purpose;`,
      'see `scripts/precision-recall.mjs`):',
      '',
      '| precision | recall | true positives | false positives | false negatives |',
      '|---|---|---|---|---|',
      `| ${percent(m.precision)} | ${percent(m.recall)} | ${m.tp} | ${m.fp} | ${m.fn} |`,
      '<!-- end measured metrics -->',
    ].join('\n');
    writeFileSync(file, doc.replace(/<!-- begin measured metrics -->[\s\S]*<!-- end measured metrics -->/, block));
  }
}

function writeMeasuredModule(metrics) {
  const entries = Object.entries(metrics.rules)
    .map(([rule, m]) => `  '${rule}': { precision: ${m.precision}, recall: ${m.recall} },`)
    .join('\n');
  writeFileSync(
    path.join(PACKAGE_DIR, 'src', 'measured-metrics.ts'),
    `// Generated by scripts/precision-recall.mjs --write from corpus/metrics.json. Do not edit.\n` +
      `export const MEASURED_METRICS: Record<string, { precision: number | null; recall: number | null }> = {\n${entries}\n};\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const metrics = await measure();
  console.log(`${metrics.files} corpus files\n`);
  console.log('rule                        precision  recall   TP  FP  FN');
  for (const [rule, m] of Object.entries(metrics.rules)) {
    console.log(`${rule.padEnd(28)}${percent(m.precision).padStart(9)}${percent(m.recall).padStart(9)}${String(m.tp).padStart(5)}${String(m.fp).padStart(4)}${String(m.fn).padStart(4)}`);
  }
  if (metrics.misses.length) console.log(`\n${metrics.misses.join('\n')}`);
  if (process.argv.includes('--write')) {
    const { misses: _misses, ...stored } = metrics;
    writeFileSync(path.join(CORPUS, 'metrics.json'), `${JSON.stringify(stored, null, 2)}\n`);
    updateDocs(metrics);
    writeMeasuredModule(metrics);
    console.log('\nwrote corpus/metrics.json, src/measured-metrics.ts and docs/rules/*.md');
  }
}
