/** Human-readable report: findings grouped by file, then the per-rule summary table. */
import type { AuditReport, Finding } from './report.js';

function pad(text: string, width: number, alignRight = false): string {
  return alignRight ? text.padStart(width) : text.padEnd(width);
}

function label(finding: Finding): string {
  if (finding.kind === 'parse-error') return 'parse error';
  if (finding.kind === 'crash') return 'crash';
  return finding.ruleId ?? '';
}

/** Columns: rule, severity, number of findings, number of files. */
export function formatSummaryTable(report: AuditReport): string {
  const header = ['Rule', 'Severity', 'Count', 'Files'];
  const rows = report.rules.map((row) => [row.ruleId, row.severity, String(row.count), String(row.files)]);
  if (report.totals.parseErrors > 0) rows.push(['(parse errors)', 'error', String(report.totals.parseErrors), '-']);
  if (report.totals.crashes > 0) rows.push(['(crashes)', 'error', String(report.totals.crashes), '-']);
  const { totals } = report;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const closing =
    `${totals.errors + totals.warnings} problem(s) (${totals.errors} error(s), ${totals.warnings} warning(s)) ` +
    `in ${totals.filesWithFindings} of ${totals.filesLinted} file(s) linted, ${seconds}s.`;
  if (rows.length === 0) return `No problems found in ${totals.filesLinted} file(s) linted, ${seconds}s.\n`;
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => pad(cell, widths[column]!, column >= 2)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line), '', closing, ''].join('\n');
}

export function formatText(report: AuditReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    out.push(file.path);
    const rows = file.findings.map((finding) => [
      `${finding.line}:${finding.column}`,
      finding.severity,
      // The message already says "(model call on line N)"; JSON and SARIF carry it as fields.
      finding.message,
      label(finding),
    ]);
    const positionWidth = Math.max(...rows.map((row) => row[0]!.length));
    const severityWidth = Math.max(...rows.map((row) => row[1]!.length));
    for (const row of rows) {
      out.push(`  ${pad(row[0]!, positionWidth)}  ${pad(row[1]!, severityWidth)}  ${row[2]}  ${row[3]}`.trimEnd());
    }
    out.push('');
  }
  out.push(formatSummaryTable(report));
  return out.join('\n');
}
