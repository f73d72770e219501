#!/usr/bin/env node
// Precision and recall per rule, with real ESLint and the built plugin, on two corpora kept apart:
//
// - the synthetic corpus (corpus/<category>/**): files written for this project, labelled with
//   `// expect: <rule>[, <rule>]` comments on the line a rule must report; linted with
//   corpus/eslint.settings.json;
// - the real corpus (corpus/real/<owner>__<repo>/): third-party files collected with their source and
//   licence, labelled in each SOURCE.json before the rules ran; linted exactly as `prepguard audit`
//   lints a codebase without configuration (no settings, every rule on).
//
//   node scripts/precision-recall.mjs                      both tables
//   node scripts/precision-recall.mjs --real [--corpus-dir DIR]...   only the real corpus (DIR may repeat)
//   node scripts/precision-recall.mjs --real --resize-interpolation nearest   keras-compatible-resize's kernel
//        checks turned on, to see what they would report (exploration only)
//   node scripts/precision-recall.mjs --write              also update corpus/metrics.json,
//        corpus/metrics-real.json, src/measured-metrics.ts and each rule doc's "Measured precision and recall"
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { auditEslintConfig } from '../dist/audit/eslint-config.js';
import plugin from '../dist/index.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(PACKAGE_DIR, 'corpus');
export const REAL_CORPUS = path.join(CORPUS, 'real');
const REVIEWS_FILE = path.join(REAL_CORPUS, 'label-reviews.json');
const LABEL = /\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/;
const RULES = Object.keys(plugin.rules);
const PREFIX = '@prepguard/';
/** A report within this many lines of a real-corpus label (outside its statement) still matches it. */
export const LINE_TOLERANCE = 3;

const round = (x) => Math.round(x * 1000) / 1000;
const emptyCounts = () => Object.fromEntries(RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));

function summarize(counts) {
  const rules = {};
  for (const [rule, { tp, fp, fn }] of Object.entries(counts)) {
    rules[rule] = { precision: tp + fp === 0 ? null : round(tp / (tp + fp)), recall: tp + fn === 0 ? null : round(tp / (tp + fn)), tp, fp, fn };
  }
  const total = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { rules, overall: summarizeOne(total) };
}

function summarizeOne({ tp, fp, fn }) {
  return { precision: tp + fp === 0 ? null : round(tp / (tp + fp)), recall: tp + fn === 0 ? null : round(tp / (tp + fn)), tp, fp, fn };
}

function prepguardReports(result) {
  return result.messages
    .filter((m) => m.ruleId?.startsWith(PREFIX))
    .map((m) => ({ rule: m.ruleId.slice(PREFIX.length), line: m.line, message: m.message }));
}

// ------------------------------------------------------------------------------------------ synthetic

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

/** The synthetic corpus: labels are exact lines. */
export async function measure() {
  // Linted from a copy without the real corpora: the engine reads a project's model.json and metadata.json
  // files for evidence, and the third-party repositories under real*/ are other projects, not this one's.
  const copy = mkdtempSync(path.join(tmpdir(), 'prepguard-synthetic-corpus-'));
  try {
    cpSync(CORPUS, copy, { recursive: true, filter: (source) => !/^real(-python)?$/.test(path.relative(CORPUS, source).split(path.sep)[0] ?? '') });
    return await measureSynthetic(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

async function measureSynthetic(corpus) {
  const settings = JSON.parse(readFileSync(path.join(corpus, 'eslint.settings.json'), 'utf8'));
  const eslint = new ESLint({
    cwd: corpus,
    overrideConfigFile: true,
    ignorePatterns: ['real/**'],
    overrideConfig: [
      // corpus/real holds third-party files labelled in SOURCE.json, not with `// expect:` comments.
      { ignores: ['real/**'] },
      {
        files: ['**/*.{js,mjs,cjs,ts,tsx}'],
        plugins: { '@prepguard': plugin },
        rules: {
          ...Object.fromEntries(RULES.map((r) => [`${PREFIX}${r}`, 'error'])),
          // The synthetic corpus's Keras models were trained on load_img's default (nearest) resizing.
          [`${PREFIX}keras-compatible-resize`]: ['error', { interpolation: 'nearest' }],
        },
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
  const counts = emptyCounts();
  const misses = [];
  for (const result of results) {
    const relative = path.relative(corpus, result.filePath);
    const fatal = result.messages.find((m) => m.fatal);
    if (fatal) throw new Error(`${relative}:${fatal.line}: ${fatal.message}`);
    const expected = labelsOf(readFileSync(result.filePath, 'utf8'));
    const reported = prepguardReports(result);
    // One label matches every report of its rule on its line (a rule may report two problems on one call).
    for (const label of expected) {
      if (reported.some((r) => r.rule === label.rule && r.line === label.line)) counts[label.rule].tp += 1;
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
  const { rules } = summarize(counts);
  return { rules, files: results.length, misses };
}

// ------------------------------------------------------------------------------------------ real

/** Reads every `<dir>/<owner>__<repo>/SOURCE.json` of the given corpus directories. */
export function readRealCorpus(dirs = [REAL_CORPUS]) {
  const repos = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const sourceFile = path.join(dir, entry.name, 'SOURCE.json');
      if (!entry.isDirectory() || !existsSync(sourceFile)) continue;
      let source;
      try {
        source = JSON.parse(readFileSync(sourceFile, 'utf8'));
      } catch (error) {
        throw new Error(`${sourceFile}: not valid JSON (${error.message})`);
      }
      // The same repository collected into two copies of the corpus counts once (the first copy given).
      if (repos.some((r) => r.name === entry.name)) continue;
      repos.push({ dir: path.join(dir, entry.name), name: entry.name, source });
    }
  }
  return repos.sort((a, b) => a.name.localeCompare(b.name));
}

export function readReviews(file = REVIEWS_FILE) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

/** The labels of one repository, with the reviewed entries substituted when `reviews` is given. */
function labelsWithReviews(repo, reviews) {
  const repoId = repo.source.repo ?? repo.name;
  return (repo.source.labels ?? []).map((label) => {
    const review = reviews?.find((r) => (r.repo === repoId || r.repo === repo.name) && r.file === label.file);
    return review ? { ...label, ...review.reviewed, reviewed: true } : label;
  });
}

/**
 * Line spans of the statements that contain each line: a report anywhere in the statement the label
 * points into (a multi-line chain, a call spread over lines) is the same finding.
 */
function statementSpans(text, filePath) {
  let ast;
  try {
    ast = tsParser.parse(text, { loc: true, range: true, jsx: true, filePath, ecmaVersion: 'latest', sourceType: 'module' });
  } catch {
    return [];
  }
  const spans = [];
  const SIMPLE = new Set(['ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement', 'PropertyDefinition']);
  const stack = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node.type !== 'string') continue;
    if (SIMPLE.has(node.type)) spans.push([node.loc.start.line, node.loc.end.line]);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object') stack.push(c);
      } else if (child && typeof child === 'object' && typeof child.type === 'string') stack.push(child);
    }
  }
  return spans;
}

/** The innermost simple statement around `line`. */
function spanAround(spans, line) {
  let best;
  for (const [start, end] of spans) {
    if (start <= line && line <= end && (!best || end - start < best[1] - best[0])) best = [start, end];
  }
  return best ?? [line, line];
}

/**
 * A report matches a label of the same rule when it lies in the innermost statement containing the labelled
 * line, or within LINE_TOLERANCE lines of it (labels name the line of the mistake; a rule may report the model
 * call or the loading call a few lines away, inside the same few statements).
 */
function matches(report, label, spans) {
  if (report.rule !== label.rule) return false;
  const [start, end] = spanAround(spans, label.line);
  return (report.line >= start && report.line <= end) || Math.abs(report.line - label.line) <= LINE_TOLERANCE;
}

async function lintRealFiles(repos, ruleOptions = {}) {
  const rules = Object.fromEntries(RULES.map((r) => [`${PREFIX}${r}`, ruleOptions[r] ? ['error', ...ruleOptions[r]] : 'error']));
  const config = auditEslintConfig([{ plugins: { '@prepguard': plugin }, rules }], null);
  const results = new Map();
  for (const repo of repos) {
    const files = [...new Set((repo.source.labels ?? []).map((l) => l.file))].map((f) => path.join(repo.dir, f)).filter((f) => existsSync(f));
    if (files.length === 0) continue;
    // cwd = the repository folder, as when a user runs the audit in their checkout.
    const eslint = new ESLint({ cwd: repo.dir, overrideConfigFile: true, overrideConfig: config, ignore: false });
    for (const result of await eslint.lintFiles(files)) results.set(result.filePath, result);
  }
  return results;
}

/** Scores the lint results against the labels (original, or with `reviews` applied). */
function scoreReal(repos, results, reviews) {
  const counts = emptyCounts();
  const misses = [];
  const outOfScope = [];
  const missingFiles = [];
  let files = 0;
  let mistakes = 0;
  for (const repo of repos) {
    for (const label of labelsWithReviews(repo, reviews)) {
      const filePath = path.join(repo.dir, label.file);
      const where = `${repo.name}/${label.file}`;
      const result = results.get(filePath);
      if (!result) {
        missingFiles.push(where);
        continue;
      }
      const fatal = result.messages.find((m) => m.fatal && m.message.startsWith('Parsing error'));
      const reported = prepguardReports(result);
      if (label.verdict === 'out-of-scope') {
        for (const r of reported) outOfScope.push(`${r.rule} ${where}:${r.line} ${r.message}`);
        continue;
      }
      if (label.verdict !== 'mistake' && label.verdict !== 'clean') continue;
      files += 1;
      if (label.verdict === 'mistake') mistakes += 1;
      if (fatal) misses.push(`PARSE ${where}:${fatal.line} ${fatal.message}`);
      const expected = (label.verdict === 'mistake' ? label.expected ?? [] : []).filter((e) => RULES.includes(e.rule));
      const spans = statementSpans(readFileSync(filePath, 'utf8'), filePath);
      for (const e of expected) {
        if (reported.some((r) => matches(r, e, spans))) counts[e.rule].tp += 1;
        else {
          counts[e.rule].fn += 1;
          misses.push(`FN ${e.rule} ${where}:${e.line}`);
        }
      }
      const seen = new Set();
      for (const r of reported) {
        const key = `${r.rule}:${r.line}`;
        if (seen.has(key) || expected.some((e) => matches(r, e, spans))) continue;
        seen.add(key);
        counts[r.rule].fp += 1;
        misses.push(`FP ${r.rule} ${where}:${r.line} ${r.message}`);
      }
    }
  }
  return { ...summarize(counts), files, mistakes, misses, outOfScope, missingFiles };
}

/**
 * The real corpus: metrics with the corpus engineers' labels as written, and with the reviews in
 * corpus/real/label-reviews.json applied.
 */
export async function measureReal({ dirs = [REAL_CORPUS], reviewsFile = REVIEWS_FILE, ruleOptions = {} } = {}) {
  const repos = readRealCorpus(dirs);
  const results = await lintRealFiles(repos, ruleOptions);
  const reviews = readReviews(reviewsFile);
  return {
    repos: repos.length,
    original: scoreReal(repos, results, undefined),
    reviewed: { reviews: reviews.length, ...scoreReal(repos, results, reviews) },
  };
}

// ------------------------------------------------------------------------------------------ output

const percent = (x) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)} %`);

function table(rules) {
  const lines = ['rule                        precision  recall   TP  FP  FN'];
  for (const [rule, m] of Object.entries(rules)) {
    lines.push(`${rule.padEnd(28)}${percent(m.precision).padStart(9)}${percent(m.recall).padStart(9)}${String(m.tp).padStart(5)}${String(m.fp).padStart(4)}${String(m.fn).padStart(4)}`);
  }
  return lines.join('\n');
}

function docRow(m) {
  return `| ${percent(m.precision)} | ${percent(m.recall)} | ${m.tp} | ${m.fp} | ${m.fn} |`;
}

function updateDocs(synthetic, real) {
  for (const rule of RULES) {
    const file = path.join(PACKAGE_DIR, 'docs', 'rules', `${rule}.md`);
    const doc = readFileSync(file, 'utf8');
    const lines = ['<!-- begin measured metrics -->'];
    if (real) {
      const o = real.original.rules[rule];
      const r = real.reviewed.rules[rule];
      lines.push(
        `**Real code** — ${real.original.files} third-party files (${real.original.mistakes} with a labelled mistake) from`,
        `${real.repos} public repositories in [\`corpus/real/\`](../../corpus/real/), labelled before the rules ran, linted`,
        'as `prepguard audit` lints a codebase (default options, no settings):',
        '',
        '| labels | precision | recall | true positives | false positives | false negatives |',
        '|---|---|---|---|---|---|',
        `| as collected ${docRow(o)}`,
        `| with [reviews](../../corpus/real/label-reviews.json) (${real.reviewed.reviews}) ${docRow(r)}`,
        '',
      );
    }
    lines.push(
      `**Synthetic corpus** — ${synthetic.files} files written for this purpose in [\`corpus/\`](../../corpus/)`,
      '(see `scripts/precision-recall.mjs`):',
      '',
      '| precision | recall | true positives | false positives | false negatives |',
      '|---|---|---|---|---|',
      docRow(synthetic.rules[rule]),
      '<!-- end measured metrics -->',
    );
    writeFileSync(file, doc.replace(/<!-- begin measured metrics -->[\s\S]*<!-- end measured metrics -->/, lines.join('\n')));
  }
}

/**
 * keras-compatible-resize's checks in `recommended`: the figures behind the decision to leave the kernel
 * checks off by default, measured on the real corpus both ways.
 */
function updateResizeDecision(real, withKernels) {
  const rule = 'keras-compatible-resize';
  const file = path.join(PACKAGE_DIR, 'docs', 'rules', `${rule}.md`);
  const doc = readFileSync(file, 'utf8');
  const by = real.original.rules[rule];
  const on = withKernels.original.rules[rule];
  const kernelReports = withKernels.original.misses.filter((m) => m.startsWith(`FP ${rule} `) && /resamples|half a pixel|kernel/.test(m)).length;
  const block = [
    '<!-- begin recommended decision -->',
    '### Which checks are in `recommended`',
    '',
    `Decided on the real corpus (${real.original.files} third-party files from ${real.repos} repositories, labelled before the rules ran):`,
    '',
    '| checks | precision | recall | true positives | false positives | false negatives |',
    '|---|---|---|---|---|---|',
    `| default: crop, ICC, EXIF, channels, JPEG DCT | ${percent(by.precision)} | ${percent(by.recall)} | ${by.tp} | ${by.fp} | ${by.fn} |`,
    `| default + kernel and sampling-grid checks (\`interpolation: 'nearest'\`) | ${percent(on.precision)} | ${percent(on.recall)} | ${on.tp} | ${on.fp} | ${on.fn} |`,
    '',
    `With the kernel checks on, ${kernelReports} reports compare a resize kernel or sampling grid with \`load_img\`'s where no label`,
    'says the resize is a mistake (ImageNet weights and models trained on other pipelines were never resized by `load_img`). They found',
    `${on.tp - by.tp} mistake${on.tp - by.tp === 1 ? '' : 's'} the default checks miss. So \`recommended\` keeps the rule at \`warn\` with the kernel checks off;`,
    "turn them on with `interpolation` when your model was trained on `load_img`'s output.",
    '<!-- end recommended decision -->',
  ].join('\n');
  writeFileSync(file, doc.replace(/<!-- begin recommended decision -->[\s\S]*<!-- end recommended decision -->/, block));
}

const fixed = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(2));

/** The "Lint rules" figures of the repository README: real code first, then the synthetic corpus. */
function updateReadme(synthetic, real) {
  const file = path.join(PACKAGE_DIR, '..', '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  const row = (name, m) => `| ${name} | ${fixed(m.precision)} | ${fixed(m.recall)} | ${m.tp} | ${m.fp} | ${m.fn} |`;
  const lines = ['<!-- begin lint metrics -->'];
  if (real) {
    const o = real.original;
    const r = real.reviewed;
    lines.push(
      `**Real code**: ${o.files} third-party files (${o.mistakes} with a labelled mistake) from ${real.repos} public repositories`,
      '([`corpus/real/`](packages/eslint-plugin/corpus/real/), sources and licences in each `SOURCE.json`, labelled before the',
      "rules ran), linted as `prepguard audit` lints a codebase: default options, no settings. A report matches a label of the same",
      `rule inside the labelled statement or within ±${LINE_TOLERANCE} lines; reports on out-of-scope files are listed, not counted.`,
      '',
      '| rule | precision | recall | TP | FP | FN |',
      '|---|---|---|---|---|---|',
      ...RULES.map((rule) => row(rule, o.rules[rule])),
      row('**all rules, labels as collected**', o.overall),
      row(`**all rules, with ${r.reviews} label review${r.reviews === 1 ? '' : 's'}**`, r.overall),
      '',
    );
  }
  lines.push(
    `**Synthetic corpus**: ${synthetic.files} labelled files written for this project ([\`corpus/\`](packages/eslint-plugin/corpus/)):`,
    '',
    '| rule | precision | recall | TP | FP | FN |',
    '|---|---|---|---|---|---|',
    ...RULES.map((rule) => row(rule, synthetic.rules[rule])),
    '<!-- end lint metrics -->',
  );
  writeFileSync(file, readme.replace(/<!-- begin lint metrics -->[\s\S]*<!-- end lint metrics -->/, lines.join('\n')));
}

/** SARIF `properties.precision` quotes the real-corpus figure where the real corpus has reports of the rule. */
function writeMeasuredModule(synthetic, real) {
  const entries = RULES.map((rule) => {
    const s = synthetic.rules[rule];
    const r = real?.original.rules[rule];
    const useReal = r && r.precision !== null;
    const chosen = useReal ? r : s;
    const realPart = r ? `{ precision: ${r.precision}, recall: ${r.recall} }` : 'null';
    return (
      `  '${rule}': {\n    precision: ${chosen.precision},\n    recall: ${chosen.recall},\n    source: '${useReal ? 'real' : 'synthetic'}',\n` +
      `    real: ${realPart},\n    synthetic: { precision: ${s.precision}, recall: ${s.recall} },\n  },`
    );
  }).join('\n');
  writeFileSync(
    path.join(PACKAGE_DIR, 'src', 'measured-metrics.ts'),
    `// Generated by scripts/precision-recall.mjs --write from corpus/metrics.json and corpus/metrics-real.json. Do not edit.\n` +
      `// precision/recall: the real-corpus figures where the real corpus has reports of the rule, else the synthetic ones.\n` +
      `export interface MeasuredFigures {\n  precision: number | null;\n  recall: number | null;\n}\n` +
      `export const MEASURED_METRICS: Record<string, MeasuredFigures & { source: 'real' | 'synthetic'; real: MeasuredFigures | null; synthetic: MeasuredFigures }> = {\n${entries}\n};\n`,
  );
}

function parseCli(argv) {
  const options = { real: argv.includes('--real'), write: argv.includes('--write'), dirs: [], ruleOptions: {} };
  argv.forEach((arg, i) => {
    if (arg === '--corpus-dir') options.dirs.push(path.resolve(argv[i + 1]));
    // What keras-compatible-resize would report with its kernel checks on (not written to metrics files).
    if (arg === '--resize-interpolation') options.ruleOptions['keras-compatible-resize'] = [{ interpolation: argv[i + 1] }];
  });
  if (options.write && Object.keys(options.ruleOptions).length > 0) throw new Error('--resize-interpolation is for exploring; it cannot be combined with --write');
  if (options.dirs.length === 0) options.dirs.push(REAL_CORPUS);
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseCli(process.argv.slice(2));
  const synthetic = options.real ? undefined : await measure();
  if (synthetic) {
    console.log(`Synthetic corpus: ${synthetic.files} files\n\n${table(synthetic.rules)}`);
    if (synthetic.misses.length) console.log(`\n${synthetic.misses.join('\n')}`);
  }
  const real = await measureReal({ dirs: options.dirs, ruleOptions: options.ruleOptions });
  for (const [name, part] of [['labels as collected', real.original], [`with ${real.reviewed.reviews} label reviews`, real.reviewed]]) {
    console.log(`\nReal corpus, ${name}: ${part.files} in-scope files (${part.mistakes} with a mistake) from ${real.repos} repositories\n\n${table(part.rules)}`);
    console.log(`overall: precision ${percent(part.overall.precision)}, recall ${percent(part.overall.recall)} (TP ${part.overall.tp}, FP ${part.overall.fp}, FN ${part.overall.fn})`);
    if (part.misses.length) console.log(`\n${part.misses.join('\n')}`);
    if (part.outOfScope.length) console.log(`\nreports on out-of-scope files (not counted):\n${part.outOfScope.join('\n')}`);
    if (part.missingFiles.length) console.log(`\nlabelled files not found: ${part.missingFiles.join(', ')}`);
  }
  if (options.write) {
    const strip = ({ misses: _m, ...rest }) => rest;
    const syntheticMetrics = synthetic ?? (await measure());
    writeFileSync(path.join(CORPUS, 'metrics.json'), `${JSON.stringify(strip(syntheticMetrics), null, 2)}\n`);
    const stored = { repos: real.repos, original: strip(real.original), reviewed: strip(real.reviewed) };
    writeFileSync(path.join(CORPUS, 'metrics-real.json'), `${JSON.stringify(stored, null, 2)}\n`);
    updateDocs(syntheticMetrics, real.repos > 0 ? real : undefined);
    if (real.repos > 0) {
      const withKernels = await measureReal({ dirs: options.dirs, ruleOptions: { 'keras-compatible-resize': [{ interpolation: 'nearest' }] } });
      updateResizeDecision(real, withKernels);
    }
    updateReadme(syntheticMetrics, real.repos > 0 ? real : undefined);
    writeMeasuredModule(syntheticMetrics, real.repos > 0 ? real : undefined);
    console.log('\nwrote corpus/metrics.json, corpus/metrics-real.json, src/measured-metrics.ts, docs/rules/*.md and the README figures');
  }
}
