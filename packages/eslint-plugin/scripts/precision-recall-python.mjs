#!/usr/bin/env node
// Precision and recall of `prepguard audit` on the labelled Python corpus (corpus/real-python/<owner>__<repo>/):
// real public Python files and notebooks, plus realistic two-language repositories (Python training, TypeScript
// serving). Each directory is audited on its own, as a user would audit that repository, and the findings are
// matched to the labels of its SOURCE.json by rule and line (cell and line in a notebook).
//   node scripts/precision-recall-python.mjs           print the table and every miss
//   node scripts/precision-recall-python.mjs --write   also update corpus/real-python/metrics.json
// Needs a build first (`npx tsc -b packages/eslint-plugin`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../dist/audit/index.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PYTHON_CORPUS = path.join(PACKAGE_DIR, 'corpus', 'real-python');
const RULES = ['no-naive-scaling', 'preprocess-mode-mismatch', 'bgr-channel-order', 'no-double-preprocessing', 'keras-compatible-resize'];
/** Notebook findings start with "Cell 3, line 2: " (see src/python/analyze-file.ts). */
const NOTEBOOK_PLACE = /^Cell (\d+), line (\d+): /;

function placeOf(file, finding) {
  if (!file.endsWith('.ipynb')) return { line: finding.line };
  const match = NOTEBOOK_PLACE.exec(finding.message);
  return match ? { cell: Number(match[1]), line: Number(match[2]) } : { line: finding.line };
}

const samePlace = (a, b) => a.line === b.line && (a.cell ?? null) === (b.cell ?? null);
const describe = (place) => (place.cell ? `cell ${place.cell}, line ${place.line}` : `line ${place.line}`);

export async function measure() {
  const counts = Object.fromEntries(RULES.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]));
  const misses = [];
  const totals = { repositories: 0, files: 0, mistakeFiles: 0, cleanFiles: 0, outOfScopeFiles: 0, crashes: 0, parseErrors: 0 };
  for (const dir of readdirSync(PYTHON_CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const root = path.join(PYTHON_CORPUS, dir);
    const source = JSON.parse(readFileSync(path.join(root, 'SOURCE.json'), 'utf8'));
    totals.repositories += 1;
    const { report } = await runAudit({ paths: ['.'], cwd: root, settingsFile: null });
    totals.crashes += report.totals.crashes;
    totals.parseErrors += report.totals.parseErrors;
    const reported = new Map(report.files.map((f) => [f.path, f.findings]));
    for (const label of source.labels) {
      totals.files += 1;
      totals[label.verdict === 'mistake' ? 'mistakeFiles' : label.verdict === 'clean' ? 'cleanFiles' : 'outOfScopeFiles'] += 1;
      const found = (reported.get(label.file) ?? [])
        .filter((f) => f.kind === 'finding')
        .map((f) => ({ rule: f.ruleId.replace(/^.*\//, ''), place: placeOf(label.file, f), message: f.message }));
      for (const expected of label.expected) {
        const place = expected.cell ? { cell: expected.cell, line: expected.line } : { line: expected.line };
        if (found.some((f) => f.rule === expected.rule && samePlace(f.place, place))) counts[expected.rule].tp += 1;
        else {
          counts[expected.rule].fn += 1;
          misses.push(`FN ${expected.rule} ${dir}/${label.file} ${describe(place)}`);
        }
      }
      const seen = new Set();
      for (const f of found) {
        const key = `${f.rule}:${f.place.cell}:${f.place.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!label.expected.some((e) => e.rule === f.rule && samePlace(f.place, e.cell ? { cell: e.cell, line: e.line } : { line: e.line }))) {
          counts[f.rule].fp += 1;
          misses.push(`FP ${f.rule} ${dir}/${label.file} ${describe(f.place)}: ${f.message}`);
        }
      }
    }
  }
  const ratio = (a, b) => (b === 0 ? null : Number((a / b).toFixed(3)));
  const rules = Object.fromEntries(
    Object.entries(counts).map(([rule, c]) => [rule, { ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) }]),
  );
  const all = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  const overall = { ...all, precision: ratio(all.tp, all.tp + all.fp), recall: ratio(all.tp, all.tp + all.fn) };
  return { totals, rules, overall, misses };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const metrics = await measure();
  console.log(JSON.stringify(metrics.totals));
  console.log('rule                         tp  fp  fn  precision  recall');
  for (const [rule, m] of [...Object.entries(metrics.rules), ['(all rules)', metrics.overall]]) {
    console.log(`${rule.padEnd(27)} ${String(m.tp).padStart(3)} ${String(m.fp).padStart(3)} ${String(m.fn).padStart(3)}  ${String(m.precision ?? '-').padStart(9)}  ${String(m.recall ?? '-').padStart(6)}`);
  }
  for (const miss of metrics.misses) console.log(miss);
  if (process.argv.includes('--write')) {
    const { misses, ...published } = metrics;
    writeFileSync(path.join(PYTHON_CORPUS, 'metrics.json'), JSON.stringify(published, null, 2) + '\n');
    console.log('wrote corpus/real-python/metrics.json');
  }
}
