// Precision/recall on the labelled corpus, with the real ESLint and the built plugin (`npm test` builds first).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from '../src/index.js';
// @ts-expect-error: a plain ESM script without type declarations
import { measure } from '../scripts/precision-recall.mjs';

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

const PACKAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('labelled corpus', () => {
  let metrics: Metrics;
  beforeAll(async () => {
    metrics = (await measure()) as Metrics;
  });

  it('has at least 60 files and labels for every rule', () => {
    expect(metrics.files).toBeGreaterThanOrEqual(60);
    for (const rule of Object.keys(plugin.rules)) {
      const m = metrics.rules[rule] as RuleMetrics;
      expect(m.tp + m.fn).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(Object.keys(plugin.rules))('%s reaches precision >= 0.95 and recall >= 0.85', (rule) => {
    const m = metrics.rules[rule] as RuleMetrics;
    expect({ rule, precision: m.precision, recall: m.recall, misses: metrics.misses.filter((x) => x.includes(` ${rule} `)) }).toEqual(
      expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number) }),
    );
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('matches the committed corpus/metrics.json and the rules meta.docs (run the script with --write after changes)', () => {
    const committed = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'corpus', 'metrics.json'), 'utf8')) as Omit<Metrics, 'misses'>;
    expect(committed).toEqual({ rules: metrics.rules, files: metrics.files });
    for (const [rule, m] of Object.entries(metrics.rules)) {
      const docs = plugin.rules[rule as keyof typeof plugin.rules].meta.docs;
      expect({ rule, precision: docs?.precision, recall: docs?.recall }).toEqual({ rule, precision: m.precision ?? undefined, recall: m.recall ?? undefined });
    }
  });
});
