/**
 * `@prepguard/eslint-plugin/audit`: run prepguard's rules over a codebase without an ESLint
 * config. `runAuditCli` backs the `prepguard audit` command; `runAudit` and the formatters are
 * the same pieces for programmatic use.
 */
export { runAuditCli, EXIT_OK, EXIT_ERRORS, EXIT_USAGE, type AuditIo } from './cli.js';
export { runAudit, type AuditOptions, type AuditRun } from './run-audit.js';
export { parseAuditArgs, AuditUsageError, AUDIT_USAGE, OUTPUT_FORMATS, PRESETS, type AuditArgs, type OutputFormat, type Preset } from './args.js';
export { formatText, formatSummaryTable } from './format-text.js';
export { formatJson, JSON_SCHEMA_VERSION } from './format-json.js';
export { formatSarif, sarifPrecision, FINGERPRINT_KEY, type SarifPrecision } from './format-sarif.js';
export { collectFiles, isLintableSourceFile, SOURCE_EXTENSIONS, DEFAULT_IGNORED_DIRECTORIES } from './collect-files.js';
export { loadSettings, SETTINGS_FILE_NAME, type PrepguardSettings } from './settings.js';
export type { AuditReport, FileReport, Finding, FindingKind, Severity, RuleSummary, AuditTotals } from './report.js';
export type { RuleInfo, RuleMetrics } from './rule-catalog.js';
export type { AuditablePlugin } from './plugin-shape.js';
