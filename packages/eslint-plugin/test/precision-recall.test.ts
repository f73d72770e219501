// Precision/recall with the real ESLint and the built plugin (`npm test` builds first), on the synthetic corpus
// (files written for this project) and, separately, on the real corpus (third-party files in corpus/real/).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from '../src/index.js';
import { MEASURED_METRICS } from '../src/measured-metrics.js';
// @ts-expect-error: a plain ESM script without type declarations
import { measure, measureReal, readRealCorpus } from '../scripts/precision-recall.mjs';

interface RuleMetrics {
  precision: number | null;
  recall: number | null;
  tp: number;
  fp: number;
  fn: number;
}
interface Metrics {
  rules: Record<string, RuleMetrics>;
  files: number;
  misses: string[];
}
interface RealPart extends Metrics {
  overall: RuleMetrics;
  mistakes: number;
  outOfScope: string[];
  missingFiles: string[];
}
interface RealMetrics {
  repos: number;
  original: RealPart;
  reviewed: RealPart & { reviews: number };
}

const PACKAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULES = Object.keys(plugin.rules);

describe('synthetic corpus', () => {
  let metrics: Metrics;
  beforeAll(async () => {
    metrics = (await measure()) as Metrics;
  });

  it('has at least 60 files and labels for every rule', () => {
    expect(metrics.files).toBeGreaterThanOrEqual(60);
    for (const rule of RULES) {
      const m = metrics.rules[rule] as RuleMetrics;
      expect(m.tp + m.fn).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(RULES)('%s reaches precision >= 0.95 and recall >= 0.85', (rule) => {
    const m = metrics.rules[rule] as RuleMetrics;
    expect({ rule, precision: m.precision, recall: m.recall, misses: metrics.misses.filter((x) => x.includes(` ${rule} `)) }).toEqual(
      expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number) }),
    );
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('matches the committed corpus/metrics.json and the synthetic figures in src/measured-metrics.ts (run the script with --write after changes)', () => {
    const committed = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'corpus', 'metrics.json'), 'utf8')) as Omit<Metrics, 'misses'>;
    expect(committed).toEqual({ rules: metrics.rules, files: metrics.files });
    for (const [rule, m] of Object.entries(metrics.rules)) {
      expect({ rule, ...MEASURED_METRICS[rule]?.synthetic }).toEqual({ rule, precision: m.precision, recall: m.recall });
    }
  });

  it("gives each rule's meta.docs the figures SARIF quotes: the real corpus's where it has reports of the rule", () => {
    for (const rule of RULES) {
      const measured = MEASURED_METRICS[rule];
      const docs = plugin.rules[rule as keyof typeof plugin.rules].meta.docs;
      expect(measured).toBeDefined();
      const expected = measured?.source === 'real' ? measured.real : measured?.synthetic;
      expect({ rule, precision: docs?.precision, recall: docs?.recall }).toEqual({
        rule,
        precision: expected?.precision ?? undefined,
        recall: expected?.recall ?? undefined,
      });
    }
  });
});

// The real corpus is collected into corpus/real/<owner>__<repo>/ (sources, licences and labels in SOURCE.json).
// PREPGUARD_REAL_CORPUS_DIRS (':'-separated) points the measurement at another copy of it.
const REAL_DIRS = process.env.PREPGUARD_REAL_CORPUS_DIRS?.split(':').filter(Boolean);
const realRepos = (readRealCorpus(REAL_DIRS) as unknown[]).length;
const committedReal = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'corpus', 'metrics-real.json'), 'utf8')) as RealMetrics;

// Floors slightly under the published figures (corpus/metrics-real.json): a regression on real code fails here.
const REAL_FLOOR = { precision: 0.9, recall: 0.45 };

(realRepos > 0 ? describe : describe.skip)('real corpus (corpus/real, default configuration)', () => {
  let real: RealMetrics;
  beforeAll(async () => {
    real = (await measureReal(REAL_DIRS ? { dirs: REAL_DIRS } : {})) as RealMetrics;
  });

  it('is the corpus the published figures were measured on', () => {
    expect(real.repos).toBe(committedReal.repos);
    if (real.original.missingFiles.length === 0) expect(real.original.files).toBe(committedReal.original.files);
  });

  it('reaches the floor on in-scope files with the labels as collected', () => {
    const { overall, misses } = real.original;
    expect({ precision: overall.precision, recall: overall.recall, misses }).toEqual(
      expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number) }),
    );
    expect(overall.precision).toBeGreaterThanOrEqual(REAL_FLOOR.precision);
    expect(overall.recall).toBeGreaterThanOrEqual(REAL_FLOOR.recall);
  });

  // Some corpus folders keep only SOURCE.json in git and fetch the third-party files (scripts/fetch-real-corpus.mjs);
  // the published figures are for the complete corpus, so they can only be compared when every file is there.
  it('matches the committed corpus/metrics-real.json when every labelled file is present (else: fetch the corpus)', () => {
    if (real.original.missingFiles.length > 0) {
      expect(real.original.files).toBeLessThanOrEqual(committedReal.original.files);
      return;
    }
    expect(real.original.rules).toEqual(committedReal.original.rules);
    expect(real.reviewed.rules).toEqual(committedReal.reviewed.rules);
  });
});
