/**
 * Everything the reports say about a rule besides its findings: description, documentation
 * (URL and markdown), the severity it runs with, and its measured precision/recall on the
 * labelled corpus (`corpus/metrics.json`, written by the corpus evaluation script).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditablePlugin, ConfiguredLevel } from './plugin-shape.js';

/** The package root: this module lives in `src/audit/` (sources) or `dist/audit/` (build). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RuleMetrics {
  precision: number | null;
  recall: number | null;
  tp: number;
  fp: number;
  fn: number;
}

export interface RuleInfo {
  /** Fully qualified id, e.g. `prepguard/no-naive-scaling`. */
  id: string;
  /** Id inside the plugin, e.g. `no-naive-scaling`. */
  name: string;
  description: string;
  url: string | null;
  /** Content of `docs/rules/<name>.md`, or null when the rule has no docs page. */
  docsMarkdown: string | null;
  level: ConfiguredLevel;
  type: string | null;
  metrics: RuleMetrics | null;
}

export interface CatalogSources {
  docsDir: string;
  metricsFile: string;
}

export const DEFAULT_CATALOG_SOURCES: CatalogSources = {
  docsDir: path.join(PACKAGE_ROOT, 'docs', 'rules'),
  metricsFile: path.join(PACKAGE_ROOT, 'corpus', 'metrics.json'),
};

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads corpus metrics; a missing file means "not measured", a malformed one is an error. */
export async function readRuleMetrics(metricsFile: string): Promise<Map<string, RuleMetrics>> {
  let text: string;
  try {
    text = await fs.readFile(metricsFile, 'utf8');
  } catch {
    return new Map();
  }
  const parsed = JSON.parse(text) as { rules?: Record<string, Record<string, unknown>> };
  const metrics = new Map<string, RuleMetrics>();
  for (const [name, row] of Object.entries(parsed.rules ?? {})) {
    metrics.set(name, {
      precision: finiteOrNull(row.precision),
      recall: finiteOrNull(row.recall),
      tp: finiteOrNull(row.tp) ?? 0,
      fp: finiteOrNull(row.fp) ?? 0,
      fn: finiteOrNull(row.fn) ?? 0,
    });
  }
  return metrics;
}

export async function buildRuleCatalog(
  plugin: AuditablePlugin,
  prefix: string,
  levels: Map<string, ConfiguredLevel>,
  sources: CatalogSources = DEFAULT_CATALOG_SOURCES,
): Promise<RuleInfo[]> {
  const metrics = await readRuleMetrics(sources.metricsFile);
  const names = Object.keys(plugin.rules).sort();
  return Promise.all(
    names.map(async (name): Promise<RuleInfo> => {
      const meta = plugin.rules[name]?.meta ?? {};
      const id = `${prefix}/${name}`;
      const docsMarkdown = await fs.readFile(path.join(sources.docsDir, `${name}.md`), 'utf8').catch(() => null);
      return {
        id,
        name,
        description: meta.docs?.description ?? name,
        url: meta.docs?.url ?? null,
        docsMarkdown,
        level: levels.get(id) ?? 'off',
        type: meta.type ?? null,
        metrics: metrics.get(name) ?? null,
      };
    }),
  );
}
