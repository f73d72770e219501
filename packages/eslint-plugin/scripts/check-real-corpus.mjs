#!/usr/bin/env node
// Checks every corpus/real/<owner>__<repo>/SOURCE.json against the schema described in
// corpus/real/README.md and prints what the real-world corpus contains.
// Dependency-free on purpose: it must run before anything is built or installed.
// Exit code 1 when any problem is found.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ALLOWED_LICENCES = new Set([
  'MIT',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  'CC0-1.0',
  'Unlicense',
]);
const VERDICTS = new Set(['mistake', 'clean', 'out-of-scope']);
const ROLES = new Set(['subject', 'support']);
const RULES = new Set([
  'no-naive-scaling',
  'preprocess-mode-mismatch',
  'bgr-channel-order',
  'no-double-preprocessing',
  'keras-compatible-resize',
]);
const COMMIT = /^[0-9a-f]{40}$/;

const realDir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'real');

const problems = [];
const counts = { repos: 0, subjects: 0, support: 0, verdicts: {}, rules: {}, licences: {} };

function lineCount(path) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // A trailing newline ends the last line; it does not start a new one.
  return text.endsWith('\n') ? lines.length - 1 : lines.length;
}

function checkRepo(folder) {
  const where = (what) => `${folder}: ${what}`;
  const repoDir = join(realDir, folder);
  const sourcePath = join(repoDir, 'SOURCE.json');
  if (!existsSync(sourcePath)) {
    problems.push(where('no SOURCE.json'));
    return;
  }
  let source;
  try {
    source = JSON.parse(readFileSync(sourcePath, 'utf8'));
  } catch (error) {
    problems.push(where(`SOURCE.json is not valid JSON (${error.message})`));
    return;
  }
  counts.repos += 1;

  const [owner, name] = typeof source.repo === 'string' ? source.repo.split('/') : [];
  if (!owner || !name) problems.push(where('"repo" must be "owner/name"'));
  else if (folder !== `${owner}__${name}`) problems.push(where(`folder name should be ${owner}__${name}`));
  if (source.url !== `https://github.com/${source.repo}`) problems.push(where('"url" must be https://github.com/<repo>'));
  if (source.commit !== null && !COMMIT.test(String(source.commit))) {
    problems.push(where('"commit" must be 40 lowercase hex digits or null'));
  }
  if (!ALLOWED_LICENCES.has(source.licence)) problems.push(where(`licence "${source.licence}" is not allowed`));
  counts.licences[source.licence] = (counts.licences[source.licence] ?? 0) + 1;
  if (typeof source.licenceFile !== 'string' || !existsSync(join(repoDir, source.licenceFile))) {
    problems.push(where(`licence file "${source.licenceFile}" is missing`));
  }
  if (typeof source.collectedBy !== 'string' || source.collectedBy === '') {
    problems.push(where('"collectedBy" is missing'));
  }

  const files = Array.isArray(source.files) ? source.files : [];
  if (files.length === 0) problems.push(where('"files" is empty'));
  const subjects = new Map();
  for (const file of files) {
    if (!ROLES.has(file.role)) problems.push(where(`${file.path}: role "${file.role}" is not subject/support`));
    const path = join(repoDir, String(file.path));
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.push(where(`${file.path}: listed but not present`));
      continue;
    }
    if (file.role === 'subject') subjects.set(file.path, lineCount(path));
    else counts.support += 1;
  }

  const labels = Array.isArray(source.labels) ? source.labels : [];
  const labelled = new Map();
  for (const label of labels) {
    const at = `label for ${label.file}`;
    if (!subjects.has(label.file)) {
      problems.push(where(`${at}: not a subject file`));
      continue;
    }
    labelled.set(label.file, (labelled.get(label.file) ?? 0) + 1);
    if (!VERDICTS.has(label.verdict)) problems.push(where(`${at}: verdict "${label.verdict}" is invalid`));
    counts.verdicts[label.verdict] = (counts.verdicts[label.verdict] ?? 0) + 1;
    const expected = Array.isArray(label.expected) ? label.expected : null;
    if (expected === null) problems.push(where(`${at}: "expected" must be an array`));
    else if ((label.verdict === 'mistake') !== expected.length > 0) {
      problems.push(where(`${at}: a mistake needs expected reports, other verdicts none`));
    }
    for (const report of expected ?? []) {
      if (!RULES.has(report.rule)) problems.push(where(`${at}: unknown rule "${report.rule}"`));
      const lines = subjects.get(label.file);
      if (!Number.isInteger(report.line) || report.line < 1 || report.line > lines) {
        problems.push(where(`${at}: line ${report.line} is outside the file (1-${lines})`));
      }
      counts.rules[report.rule] = (counts.rules[report.rule] ?? 0) + 1;
    }
    for (const field of ['model', 'evidence']) {
      if (typeof label[field] !== 'string' || label[field].trim() === '') problems.push(where(`${at}: "${field}" is empty`));
    }
    if (label.labelledBeforeRules !== true) problems.push(where(`${at}: "labelledBeforeRules" must be true`));
  }
  for (const [file] of subjects) {
    const n = labelled.get(file) ?? 0;
    if (n !== 1) problems.push(where(`${file}: has ${n} labels, needs exactly one`));
  }
  counts.subjects += subjects.size;
}

if (!existsSync(realDir)) {
  console.error(`no corpus at ${realDir}`);
  process.exit(1);
}
for (const entry of readdirSync(realDir).sort()) {
  if (statSync(join(realDir, entry)).isDirectory()) checkRepo(entry);
}

const mistakeRepos = new Set();
for (const entry of readdirSync(realDir)) {
  const sourcePath = join(realDir, entry, 'SOURCE.json');
  if (!existsSync(sourcePath)) continue;
  try {
    const source = JSON.parse(readFileSync(sourcePath, 'utf8'));
    if ((source.labels ?? []).some((label) => label.verdict === 'mistake')) mistakeRepos.add(entry);
  } catch {
    // already reported above
  }
}

console.log(`repositories:   ${counts.repos} (${mistakeRepos.size} with a mistake)`);
console.log(`subject files:  ${counts.subjects}  support files: ${counts.support}`);
console.log(`verdicts:       ${Object.entries(counts.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`expected:       ${Object.entries(counts.rules).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
console.log(`licences:       ${Object.entries(counts.licences).map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('\nOK');
