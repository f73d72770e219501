/**
 * Machine-readable report. The schema is versioned (`schemaVersion`) and documented in the
 * plugin README; fields are only ever added within a schema version.
 */
import type { AuditRun } from './run-audit.js';

export const JSON_SCHEMA_VERSION = 1;

export function formatJson(run: AuditRun): string {
  const { report } = run;
  const document = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: run.toolName, version: run.toolVersion },
    root: report.root,
    settingsSource: run.settingsSource,
    totals: report.totals,
    durationMs: Math.round(report.durationMs),
    rules: report.rules,
    files: report.files.map((file) => ({
      path: file.path,
      findings: file.findings.map((finding) => ({
        kind: finding.kind,
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        modelCallLine: finding.modelCallLine,
        modelCallFile: finding.modelCallFile,
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
