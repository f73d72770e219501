/**
 * SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers. Beyond what ESLint's
 * generic SARIF formatter writes, each rule carries its documentation as help markdown and its
 * precision measured on the labelled corpus, and each result a stable fingerprint.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { FileReport, Finding } from './report.js';
import type { RuleInfo } from './rule-catalog.js';
import type { AuditRun } from './run-audit.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_SOURCE_ROOT = 'SRCROOT';
export const TOOL_INFORMATION_URI = 'https://www.npmjs.com/package/@prepguard/eslint-plugin';
/** Key of the fingerprint in `partialFingerprints`; bump the suffix if the recipe ever changes. */
export const FINGERPRINT_KEY = 'prepguard/v1';

export type SarifPrecision = 'very-high' | 'high' | 'medium' | 'low';

/** Maps a measured precision onto SARIF's four-step `precision` property (GitHub sorts alerts by it). */
export function sarifPrecision(precision: number): SarifPrecision {
  if (precision >= 0.95) return 'very-high';
  if (precision >= 0.85) return 'high';
  if (precision >= 0.7) return 'medium';
  return 'low';
}

function level(finding: Finding): Sarif.Result.level {
  return finding.severity === 'error' ? 'error' : 'warning';
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function metricsSentence(rule: RuleInfo): string {
  const m = rule.metrics;
  if (m === null || m.precision === null) return '';
  const recall = m.recall === null ? '' : `, recall ${m.recall.toFixed(2)}`;
  return ` Measured on the labelled corpus: precision ${m.precision.toFixed(2)}${recall}.`;
}

function ruleDescriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  const properties: Sarif.PropertyBag = {
    tags: ['image-preprocessing', 'correctness', ...(rule.type === null ? [] : [rule.type])],
    'problem.severity': rule.level === 'error' ? 'error' : 'warning',
  };
  if (rule.metrics?.precision != null) {
    properties.precision = sarifPrecision(rule.metrics.precision);
    properties['prepguard/precision'] = rule.metrics.precision;
  }
  if (rule.metrics?.recall != null) properties['prepguard/recall'] = rule.metrics.recall;
  const helpText = rule.url === null ? sentence(rule.description) : `${sentence(rule.description)} See ${rule.url}`;
  const descriptor: Sarif.ReportingDescriptor = {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: `${sentence(rule.description)}${metricsSentence(rule)}` },
    help: { text: helpText, markdown: rule.docsMarkdown ?? helpText },
    defaultConfiguration: { enabled: rule.level !== 'off', level: rule.level === 'off' ? 'none' : rule.level },
    properties,
  };
  if (rule.url !== null) descriptor.helpUri = rule.url;
  return descriptor;
}

/** Files inside the audit root are relative to SRCROOT (portable across checkouts); others are absolute. */
function artifactLocation(root: string, absolutePath: string): Sarif.ArtifactLocation {
  const relative = path.relative(root, absolutePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { uri: pathToFileURL(absolutePath).href };
  }
  const uri = relative.split(path.sep).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SARIF_SOURCE_ROOT };
}

/** The model call's file, given in the report's path style (relative to the root, or absolute). */
function modelCallArtifact(root: string, displayPath: string): Sarif.ArtifactLocation {
  const absolute = path.isAbsolute(displayPath) ? displayPath : path.join(root, ...displayPath.split('/'));
  return artifactLocation(root, absolute);
}

function region(finding: Finding): Sarif.Region {
  return {
    startLine: finding.line,
    startColumn: finding.column,
    endLine: Math.max(finding.endLine, finding.line),
    endColumn: Math.max(finding.endColumn, 1),
  };
}

/**
 * A fingerprint that survives unrelated edits: rule, file and the flagged line's text (not its
 * number), plus an ordinal for identical lines so each result keeps its own identity.
 */
function fingerprinter(): (ruleId: string, file: FileReport, finding: Finding) => string {
  const seen = new Map<string, number>();
  const linesByFile = new Map<FileReport, string[]>();
  return (ruleId, file, finding) => {
    let lines = linesByFile.get(file);
    if (lines === undefined) {
      lines = file.source.split(/\r\n|\r|\n/);
      linesByFile.set(file, lines);
    }
    const text = (lines[finding.line - 1] ?? '').replace(/\s+/g, ' ').trim();
    const key = [ruleId, file.path, text].join('\u0000');
    const ordinal = seen.get(key) ?? 0;
    seen.set(key, ordinal + 1);
    return createHash('sha256').update(`${key}\u0000${ordinal}`).digest('hex').slice(0, 32);
  };
}

export function buildSarifLog(run: AuditRun): Sarif.Log {
  const { report } = run;
  const ruleIndex = new Map(run.rules.map((rule, index) => [rule.id, index]));
  const fingerprint = fingerprinter();
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  const artifacts: Sarif.Artifact[] = [];

  report.files.forEach((file, fileIndex) => {
    const fileLocation = artifactLocation(report.root, file.absolutePath);
    artifacts.push({ location: fileLocation });
    const location: Sarif.ArtifactLocation = { ...fileLocation, index: fileIndex };
    for (const finding of file.findings) {
      const physicalLocation: Sarif.PhysicalLocation = { artifactLocation: location, region: region(finding) };
      if (finding.kind !== 'finding' || finding.ruleId === null) {
        // Parse errors and crashes are about the tool's run, not about the code's correctness.
        notifications.push({
          level: 'error',
          message: { text: finding.message },
          locations: [{ physicalLocation }],
          descriptor: { id: finding.kind },
        });
        continue;
      }
      const result: Sarif.Result = {
        ruleId: finding.ruleId,
        level: level(finding),
        message: { text: finding.message },
        locations: [{ physicalLocation }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding.ruleId, file, finding) },
      };
      const index = ruleIndex.get(finding.ruleId);
      if (index !== undefined) result.ruleIndex = index;
      if (finding.modelCallLine !== null) {
        const callLocation =
          finding.modelCallFile === null ? location : modelCallArtifact(report.root, finding.modelCallFile);
        result.relatedLocations = [
          {
            id: 1,
            message: { text: 'Model call' },
            physicalLocation: { artifactLocation: callLocation, region: { startLine: finding.modelCallLine } },
          },
        ];
      }
      results.push(result);
    }
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'prepguard',
            fullName: `prepguard audit (${run.toolName})`,
            version: run.toolVersion,
            semanticVersion: run.toolVersion,
            informationUri: TOOL_INFORMATION_URI,
            rules: run.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: {
          [SARIF_SOURCE_ROOT]: { uri: pathToFileURL(report.root.endsWith(path.sep) ? report.root : report.root + path.sep).href },
        },
        invocations: [
          {
            executionSuccessful: report.totals.crashes === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        artifacts,
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(run: AuditRun): string {
  return `${JSON.stringify(buildSarifLog(run), null, 2)}\n`;
}
