// The Python analysis on real code: precision/recall on the labelled corpus (corpus/real-python, built plugin,
// `npm test` builds first), and a bounded crash smoke over .py files of the project's Python environment.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePythonFile } from '../src/python/analyze-file.js';
// @ts-expect-error: a plain ESM script without type declarations
import { measure, PYTHON_CORPUS } from '../scripts/precision-recall-python.mjs';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}
interface Metrics {
  totals: { repositories: number; files: number; mistakeFiles: number; crashes: number; parseErrors: number };
  rules: Record<string, Counts>;
  overall: Counts;
  misses: string[];
}

const REPO_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('labelled Python corpus', () => {
  let metrics: Metrics;
  beforeAll(async () => {
    metrics = (await measure()) as Metrics;
  }, 60_000);

  it('has at least 60 labelled files from 30 repositories, 20 of them with a real mistake, and every file analysed', () => {
    expect(metrics.totals.files).toBeGreaterThanOrEqual(60);
    expect(metrics.totals.repositories).toBeGreaterThanOrEqual(30);
    expect(metrics.totals.mistakeFiles).toBeGreaterThanOrEqual(20);
    expect({ crashes: metrics.totals.crashes, parseErrors: metrics.totals.parseErrors }).toEqual({ crashes: 0, parseErrors: 0 });
  });

  it('keeps precision and recall at or above the published figures (corpus/real-python/metrics.json)', () => {
    const published = JSON.parse(readFileSync(path.join(PYTHON_CORPUS, 'metrics.json'), 'utf8')) as Metrics;
    // The floors are the published figures: a regression fails here; an improvement is published with --write.
    expect(metrics.overall.precision).toBeGreaterThanOrEqual(Math.max(0.95, published.overall.precision ?? 1));
    expect(metrics.overall.recall).toBeGreaterThanOrEqual(Math.max(0.85, published.overall.recall ?? 1));
    for (const [rule, counts] of Object.entries(metrics.rules)) {
      const floor = published.rules[rule];
      if (floor?.precision != null) expect({ rule, precision: counts.precision }).toEqual({ rule, precision: expect.any(Number) });
      if (floor?.precision != null) expect(counts.precision).toBeGreaterThanOrEqual(floor.precision);
      if (floor?.recall != null) expect(counts.recall).toBeGreaterThanOrEqual(floor.recall);
    }
  });

  it('every SOURCE.json names a redistributable licence and keeps the licence text', () => {
    for (const dir of readdirSync(PYTHON_CORPUS).filter((d) => statSync(path.join(PYTHON_CORPUS, d)).isDirectory())) {
      const source = JSON.parse(readFileSync(path.join(PYTHON_CORPUS, dir, 'SOURCE.json'), 'utf8'));
      expect({ dir, licence: ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'CC0-1.0', 'Unlicense'].includes(source.licence) }).toEqual({ dir, licence: true });
      expect(existsSync(path.join(PYTHON_CORPUS, dir, source.licenceFile))).toBe(true);
      for (const label of source.labels) expect(label.labelledBeforeRules).toBe(true);
    }
  });
});

// The full smoke (every .py of the environment) is scripts/smoke-python.mjs; here a bounded, fixed sample.
const SITE_PACKAGES = path.join(REPO_ROOT, '.venv', 'lib', 'python3.11', 'site-packages');
const SAMPLE_DIRS = ['keras/src/applications', 'keras/src/utils', 'PIL', 'numpy/lib'];

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) pythonFiles(full, out);
    else if (entry.name.endsWith('.py')) out.push(full);
  }
  return out;
}

const describeIfVenv = existsSync(SITE_PACKAGES) ? describe : describe.skip;
describeIfVenv('Python analysis smoke sample (project venv)', () => {
  it('parses and interprets Keras, Pillow and NumPy sources without throwing', async () => {
    const files = SAMPLE_DIRS.flatMap((d) => (existsSync(path.join(SITE_PACKAGES, d)) ? pythonFiles(path.join(SITE_PACKAGES, d)) : [])).sort().slice(0, 150);
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const result = await analyzePythonFile(file, readFileSync(file, 'utf8'), { force: true });
      expect(result.parsed).toBe(true);
    }
  }, 60_000);
});
