// The audit's Python pass: every .py/.ipynb file once, before the JS/TS files, so that the models the
// Python code trains and exports can be handed to the ESLint run as `settings.prepguard.models` entries.
import { promises as fs } from 'node:fs';
import type { Finding } from '../audit/report.js';
import type { ConfiguredLevel } from '../audit/plugin-shape.js';
import { analyzePythonFile, type PythonExport } from './analyze-file.js';
import { NotebookFormatError } from './notebook.js';
import { PythonParseError } from './parser.js';
import { trainedModelSettings, type TrainedModelSetting } from './skew.js';

export { isPythonFile } from './analyze-file.js';

export interface PythonAuditOptions {
  /** The plugin prefix of rule ids (`prepguard` in `prepguard/no-naive-scaling`). */
  prefix: string;
  /** Severity per fully qualified rule id in the chosen preset. */
  levels: ReadonlyMap<string, ConfiguredLevel>;
  /** How the report spells a file path (relative to the audit root). */
  displayPath: (file: string) => string;
}

export interface PythonAudit {
  findings: Map<string, Finding[]>;
  /** The file texts, for the report's fingerprints. */
  sources: Map<string, string>;
  /** What the Python code trained and exported, as settings entries for the JS/TS rules. */
  trainedModels: TrainedModelSetting[];
}

function problem(kind: 'parse-error' | 'crash', message: string): Finding {
  return { kind, ruleId: null, severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1, modelCallLine: null, modelCallFile: null };
}

export async function auditPython(files: readonly string[], options: PythonAuditOptions): Promise<PythonAudit> {
  const result: PythonAudit = { findings: new Map(), sources: new Map(), trainedModels: [] };
  const exports: { file: string; exported: PythonExport }[] = [];
  for (const file of files) {
    let findings: Finding[] = [];
    try {
      const text = await fs.readFile(file, 'utf8');
      result.sources.set(file, text);
      const analysis = await analyzePythonFile(file, text);
      for (const exported of analysis.exports) exports.push({ file, exported });
      for (const finding of analysis.findings) {
        const ruleId = `${options.prefix}/${finding.rule}`;
        const level = options.levels.get(ruleId) ?? 'off';
        if (level === 'off') continue;
        findings.push({
          kind: 'finding',
          ruleId,
          severity: level,
          message: finding.message,
          line: finding.location.line,
          column: finding.location.column,
          endLine: finding.location.endLine,
          endColumn: finding.location.endColumn,
          modelCallLine: finding.modelCallLine ?? null,
          modelCallFile: null,
        });
      }
    } catch (error) {
      // A file the parser rejects is reported on its own line; the run goes on.
      if (error instanceof PythonParseError || error instanceof NotebookFormatError) findings = [problem('parse-error', `Parsing error: ${error.message}`)];
      else findings = [problem('crash', `Internal error while analysing Python: ${(error as Error).message ?? String(error)}`)];
    }
    if (findings.length > 0) result.findings.set(file, findings);
  }
  result.trainedModels = trainedModelSettings(exports, options.displayPath);
  return result;
}
