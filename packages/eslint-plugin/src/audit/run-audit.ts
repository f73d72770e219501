/**
 * Runs the prepguard rules over a set of paths and returns an `AuditReport`. One file at a
 * time, so progress is real and a file that breaks the parser or a rule is reported on its
 * own line instead of ending the run.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { collectFiles } from './collect-files.js';
import { auditEslintConfig } from './eslint-config.js';
import {
  configuredLevels,
  loadOwnPlugin,
  pluginPrefix,
  presetConfigs,
  type AuditablePlugin,
} from './plugin-shape.js';
import { buildRuleCatalog, DEFAULT_CATALOG_SOURCES, type CatalogSources, type RuleInfo } from './rule-catalog.js';
import { summarize, type AuditReport, type FileReport, type Finding } from './report.js';
import { loadSettings } from './settings.js';
import { AuditUsageError, type Preset } from './args.js';

export interface AuditOptions {
  paths: readonly string[];
  /** Directory paths are resolved from and reported relative to. */
  cwd: string;
  preset?: Preset;
  /** Explicit settings file (see settings.ts for the lookup when null). */
  settingsFile?: string | null;
  defaultIgnores?: boolean;
  /** Called after each file; `done` counts files finished. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Defaults to prepguard's own plugin; tests pass small local plugins. */
  plugin?: AuditablePlugin;
  catalogSources?: CatalogSources;
}

export interface AuditRun {
  report: AuditReport;
  rules: RuleInfo[];
  toolName: string;
  toolVersion: string;
  /** Where the user's settings came from, if anywhere. */
  settingsSource: string | null;
}

/**
 * How prepguard's messages point at the model call: "model call on line 12", or
 * "model call on line 12 of ./model.ts" when the call is in another file.
 */
const MODEL_CALL = /model call on line (\d+)(?: of ([^\s)]+))?/;
/** ESLint appends the failing location to errors thrown by rules. */
const CRASH_LOCATION = /Occurred while linting .*:(\d+)/;

function commonAncestor(paths: readonly string[]): string {
  let ancestor = paths[0]!;
  for (const candidate of paths) {
    while (candidate !== ancestor && !candidate.startsWith(ancestor.endsWith(path.sep) ? ancestor : ancestor + path.sep)) {
      const parent = path.dirname(ancestor);
      if (parent === ancestor) return ancestor;
      ancestor = parent;
    }
  }
  return ancestor;
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : file).split(path.sep).join('/');
}

/** ESLint marks other problems fatal too (an eslint-env comment); only these stopped the parser. */
function isParseError(message: Linter.LintMessage): boolean {
  return message.fatal === true && message.ruleId === null && message.message.startsWith('Parsing error');
}

function toFinding(message: Linter.LintMessage, file: string, root: string): Finding {
  const parseError = isParseError(message);
  const modelCall = parseError ? null : MODEL_CALL.exec(message.message);
  const modelCallFile = modelCall?.[2] === undefined ? null : displayPath(root, path.resolve(path.dirname(file), modelCall[2]));
  return {
    kind: parseError ? 'parse-error' : 'finding',
    ruleId: message.ruleId,
    severity: message.severity === 2 ? 'error' : 'warning',
    message: message.message,
    line: message.line ?? 1,
    column: message.column ?? 1,
    endLine: message.endLine ?? message.line ?? 1,
    endColumn: message.endColumn ?? message.column ?? 1,
    modelCallLine: modelCall ? Number(modelCall[1]) : null,
    modelCallFile,
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

function crashFinding(error: unknown): Finding {
  const text = error instanceof Error ? error.message : String(error);
  const line = Number(CRASH_LOCATION.exec(text)?.[1] ?? 1);
  return {
    kind: 'crash',
    ruleId: null,
    severity: 'error',
    message: `Internal error while linting: ${text.split('\n').join(' ').trim()}`,
    line,
    column: 1,
    endLine: line,
    endColumn: 1,
    modelCallLine: null,
    modelCallFile: null,
  };
}

export async function runAudit(options: AuditOptions): Promise<AuditRun> {
  const started = performance.now();
  const plugin = options.plugin ?? (await loadOwnPlugin());
  const preset = presetConfigs(plugin, options.preset ?? 'all');
  const prefix = pluginPrefix(plugin, preset);
  const cwd = path.resolve(options.cwd);
  const { settings, source: settingsSource } = await loadSettings(cwd, options.settingsFile ?? null);
  const files = await collectFiles(options.paths, { cwd, defaultIgnores: options.defaultIgnores ?? true });
  const rules = await buildRuleCatalog(plugin, prefix, configuredLevels(preset), options.catalogSources ?? DEFAULT_CATALOG_SOURCES);

  const eslint = new ESLint({
    // ESLint lints nothing outside its base path, so the base covers the root and every file.
    cwd: commonAncestor([cwd, ...files]),
    overrideConfigFile: true,
    overrideConfig: auditEslintConfig(preset, settingsSource === null ? null : settings),
  });

  // Only this plugin's findings and parse errors belong in the report. Inline eslint comments
  // in audited code may switch on unrelated rules, and ESLint's complaints about such comments
  // (e.g. the no longer supported eslint-env) are not about preprocessing.
  const belongsInReport = (message: Linter.LintMessage): boolean =>
    message.ruleId === null ? isParseError(message) : message.ruleId.startsWith(`${prefix}/`);

  const reports: FileReport[] = [];
  for (const [index, file] of files.entries()) {
    let source = '';
    let findings: Finding[];
    try {
      source = await fs.readFile(file, 'utf8');
      const [result] = await eslint.lintText(source, { filePath: file, warnIgnored: false });
      findings = (result?.messages ?? []).filter(belongsInReport).map((message) => toFinding(message, file, cwd));
    } catch (error) {
      // A rejected `settings.prepguard` fails every file the same way: it is the user's input, not a crash.
      if ((error as Error | undefined)?.name === 'PrepguardSettingsError') {
        throw new AuditUsageError(`${firstLine(error)}${settingsSource === null ? '' : ` (from ${settingsSource})`}`);
      }
      findings = [crashFinding(error)];
    }
    if (findings.length > 0) {
      findings.sort((a, b) => a.line - b.line || a.column - b.column);
      reports.push({ absolutePath: file, path: displayPath(cwd, file), findings, source });
    }
    options.onProgress?.(index + 1, files.length, file);
  }
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const { totals, rules: ruleRows } = summarize(reports, files.length);
  return {
    report: { root: cwd, files: reports, totals, rules: ruleRows, durationMs: performance.now() - started },
    rules,
    toolName: plugin.meta?.name ?? '@prepguard/eslint-plugin',
    toolVersion: plugin.meta?.version ?? '0.0.0',
    settingsSource,
  };
}
