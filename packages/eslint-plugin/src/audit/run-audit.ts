/**
 * Runs the prepguard rules over a set of paths and returns an `AuditReport`. One file at a
 * time, so progress is real and a file that breaks the parser or a rule is reported on its
 * own line instead of ending the run.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { collectFiles } from './collect-files.js';
import { auditEslintConfig, type AuditEslintParams } from './eslint-config.js';
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
import { auditPython, isPythonFile } from '../python/audit-python.js';
import { withTrainedModels } from '../python/skew.js';

export interface AuditOptions {
  paths: readonly string[];
  /** Directory paths are resolved from and reported relative to. */
  cwd: string;
  preset?: Preset;
  /** Explicit settings file (see settings.ts for the lookup when null). */
  settingsFile?: string | null;
  defaultIgnores?: boolean;
  /** ESLint's result cache: unchanged files are not linted again. Default false. */
  cache?: boolean;
  /** ESLint's cache file or directory, relative to `cwd`. Default `<cwd>/.eslintcache`. */
  cacheLocation?: string | null;
  /** ESLint's worker threads: a count, 'auto', or 'off' (default). Needs prepguard's own plugin. */
  concurrency?: number | 'auto' | 'off';
  /** Called after each file; `done` counts files finished (once at the end with cache or concurrency). */
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

/**
 * Lints every file in one `lintFiles` call, so ESLint's own result cache and worker threads apply
 * (they exist only there). Worker threads cannot receive plugin objects: they rebuild the options
 * from eslint-options-module.js, which runs prepguard's own plugin; a caller-supplied plugin gets
 * the cache but no workers. Resolves to null when
 * the batch fails (a rule crashed on some file): the caller then lints file by file, so the crash
 * is reported on its own file and the others still get their findings.
 */
async function lintWithEslintEngine(files: string[], params: AuditEslintParams, config: Linter.Config[], ownPlugin: boolean): Promise<ESLint.LintResult[] | null> {
  if (files.length === 0) return [];
  let eslint: ESLint;
  if (params.concurrency !== 'off') {
    if (!ownPlugin) throw new AuditUsageError("--concurrency runs prepguard's own plugin only; this audit was given another plugin.");
    const url = new URL(`./eslint-options-module.js?params=${encodeURIComponent(JSON.stringify(params))}`, import.meta.url);
    eslint = await ESLint.fromOptionsModule(url);
  } else {
    eslint = new ESLint({ cwd: params.cwd, overrideConfigFile: true, overrideConfig: config, cache: params.cache, cacheLocation: params.cacheLocation ?? undefined, cacheStrategy: 'content' });
  }
  try {
    return await eslint.lintFiles(files);
  } catch {
    return null;
  }
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

  // Python first: what it trains and exports becomes settings for the JS/TS rules (train/serve skew).
  const python = await auditPython(files.filter(isPythonFile), {
    prefix,
    levels: configuredLevels(preset),
    displayPath: (file) => displayPath(cwd, file),
  });
  const lintSettings = withTrainedModels(settingsSource === null ? null : settings, python.trainedModels);
  // ESLint lints nothing outside its base path, so the base covers the root and every file.
  const base = commonAncestor([cwd, ...files]);
  const eslintConfig = auditEslintConfig(preset, lintSettings);
  const eslint = new ESLint({ cwd: base, overrideConfigFile: true, overrideConfig: eslintConfig });

  // Only this plugin's findings and parse errors belong in the report. Inline eslint comments
  // in audited code may switch on unrelated rules, and ESLint's complaints about such comments
  // (e.g. the no longer supported eslint-env) are not about preprocessing.
  const belongsInReport = (message: Linter.LintMessage): boolean =>
    message.ruleId === null ? isParseError(message) : message.ruleId.startsWith(`${prefix}/`);

  const reports: FileReport[] = [];
  const scaleOut = options.cache === true || (options.concurrency ?? 'off') !== 'off';
  const batch = scaleOut
    ? await lintWithEslintEngine(files.filter((file) => !isPythonFile(file)), {
        cwd: base,
        preset: options.preset ?? 'all',
        settings: lintSettings,
        cache: options.cache === true,
        cacheLocation: path.resolve(cwd, options.cacheLocation ?? '.eslintcache'),
        concurrency: options.concurrency ?? 'off',
      }, eslintConfig, options.plugin === undefined)
    : null;
  if (batch !== null) {
    for (const result of batch) {
      const findings = result.messages.filter(belongsInReport).map((message) => toFinding(message, result.filePath, cwd));
      if (findings.length === 0) continue;
      findings.sort((a, b) => a.line - b.line || a.column - b.column);
      const source = result.source ?? (await fs.readFile(result.filePath, 'utf8'));
      reports.push({ absolutePath: result.filePath, path: displayPath(cwd, result.filePath), findings, source });
    }
    for (const [file, findings] of python.findings) {
      if (findings.length === 0) continue;
      reports.push({ absolutePath: file, path: displayPath(cwd, file), findings, source: python.sources.get(file) ?? '' });
    }
    options.onProgress?.(files.length, files.length, files[files.length - 1] ?? '');
  }
  for (const [index, file] of (batch === null ? files : []).entries()) {
    let source = '';
    let findings: Finding[];
    try {
      if (isPythonFile(file)) {
        // Analysed by the Python pass above.
        source = python.sources.get(file) ?? '';
        findings = python.findings.get(file) ?? [];
      } else {
        source = await fs.readFile(file, 'utf8');
        const [result] = await eslint.lintText(source, { filePath: file, warnIgnored: false });
        findings = (result?.messages ?? []).filter(belongsInReport).map((message) => toFinding(message, file, cwd));
      }
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
