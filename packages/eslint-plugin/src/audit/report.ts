/**
 * The audit's own result model. Every output format (text, JSON, SARIF) is a view of an
 * `AuditReport`, so the formats can never disagree about what was found.
 */

export type Severity = 'error' | 'warning';

/**
 * - `finding`: a rule reported a problem.
 * - `parse-error`: the parser rejected the file; no rule ran on it.
 * - `crash`: a rule (or ESLint itself) threw while linting the file; the rest of the run went on.
 */
export type FindingKind = 'finding' | 'parse-error' | 'crash';

export interface Finding {
  kind: FindingKind;
  /** Fully qualified ESLint rule id (`prepguard/no-naive-scaling`), or `null` for parse errors and crashes. */
  ruleId: string | null;
  severity: Severity;
  message: string;
  /** 1-based line and column, as ESLint reports them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The line of the model call the message points at, when the message names one. */
  modelCallLine: number | null;
  /** The file of that model call, in the report's path style; null when it is this finding's file. */
  modelCallFile: string | null;
}

export interface FileReport {
  /** Absolute path of the file on disk. */
  absolutePath: string;
  /** Path relative to the audit root, with `/` separators (absolute when the file lies outside the root). */
  path: string;
  findings: Finding[];
  /** The file's text; kept so formats can fingerprint findings without reading the file twice. */
  source: string;
}

export interface RuleSummary {
  ruleId: string;
  severity: Severity;
  count: number;
  files: number;
}

export interface AuditTotals {
  filesLinted: number;
  filesWithFindings: number;
  errors: number;
  warnings: number;
  parseErrors: number;
  crashes: number;
}

export interface AuditReport {
  /** Directory that relative paths in the report are relative to. */
  root: string;
  /** Only files that have at least one finding, sorted by path. */
  files: FileReport[];
  totals: AuditTotals;
  /** One row per rule that reported at least once, most frequent first. */
  rules: RuleSummary[];
  durationMs: number;
}

/** Builds the per-rule summary rows and the totals from the per-file findings. */
export function summarize(files: FileReport[], filesLinted: number): { totals: AuditTotals; rules: RuleSummary[] } {
  const totals: AuditTotals = {
    filesLinted,
    filesWithFindings: 0,
    errors: 0,
    warnings: 0,
    parseErrors: 0,
    crashes: 0,
  };
  const byRule = new Map<string, { severity: Severity; count: number; files: Set<string> }>();
  for (const file of files) {
    if (file.findings.length > 0) totals.filesWithFindings += 1;
    for (const finding of file.findings) {
      if (finding.severity === 'error') totals.errors += 1;
      else totals.warnings += 1;
      if (finding.kind === 'parse-error') totals.parseErrors += 1;
      if (finding.kind === 'crash') totals.crashes += 1;
      if (finding.ruleId === null) continue;
      const row = byRule.get(finding.ruleId) ?? { severity: finding.severity, count: 0, files: new Set<string>() };
      row.count += 1;
      row.files.add(file.path);
      // A rule configured as a warning can still be reported as an error through inline config.
      if (finding.severity === 'error') row.severity = 'error';
      byRule.set(finding.ruleId, row);
    }
  }
  const rules = [...byRule.entries()]
    .map(([ruleId, row]) => ({ ruleId, severity: row.severity, count: row.count, files: row.files.size }))
    .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  return { totals, rules };
}

/** The exit code contract of `prepguard audit`: 1 when anything is an error, 0 otherwise. */
export function exitCodeFor(report: AuditReport): number {
  return report.totals.errors > 0 ? 1 : 0;
}
