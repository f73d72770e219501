/** `prepguard audit`: argument handling, output routing and exit codes around `runAudit`. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AUDIT_USAGE, AuditUsageError, parseAuditArgs, type OutputFormat } from './args.js';
import { formatJson } from './format-json.js';
import { formatSarif } from './format-sarif.js';
import { formatSummaryTable, formatText } from './format-text.js';
import { createProgressReporter, silentProgress } from './progress.js';
import { exitCodeFor } from './report.js';
import { runAudit, type AuditOptions, type AuditRun } from './run-audit.js';

export interface AuditIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether stderr is a terminal (draws the progress bar); defaults to `process.stderr.isTTY`. */
  isTTY?: boolean;
  /** Directory paths are resolved from; defaults to `process.cwd()`. */
  cwd?: string;
}

/** Test seam: the plugin and documentation sources to audit with. */
export type AuditOverrides = Pick<AuditOptions, 'plugin' | 'catalogSources'>;

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

function render(format: OutputFormat, run: AuditRun): string {
  switch (format) {
    case 'text':
      return formatText(run.report);
    case 'json':
      return formatJson(run);
    case 'sarif':
      return formatSarif(run);
  }
}

/**
 * Runs `prepguard audit` with the arguments after `audit` and returns the exit code:
 * 0 no errors, 1 at least one error (rule error, parse error or crash), 2 usage error.
 */
export async function runAuditCli(
  argv: string[],
  io: AuditIo = { stdout: process.stdout, stderr: process.stderr },
  overrides: AuditOverrides = {},
): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    const args = parseAuditArgs(argv);
    if (args.help) {
      io.stdout.write(`${AUDIT_USAGE}\n`);
      return EXIT_OK;
    }
    const isTTY = io.isTTY ?? (process.stderr as { isTTY?: boolean }).isTTY === true;
    const progress = args.progress ? createProgressReporter(io.stderr, isTTY) : silentProgress;
    let run: AuditRun;
    try {
      run = await runAudit({
        ...overrides,
        paths: args.paths,
        cwd,
        preset: args.preset,
        settingsFile: args.config,
        defaultIgnores: args.defaultIgnores,
        cache: args.cache,
        cacheLocation: args.cacheLocation,
        concurrency: args.concurrency,
        onProgress: (done, total) => progress.update(done, total),
      });
    } finally {
      progress.finish();
    }

    const rendered = render(args.format, run);
    if (args.output !== null) {
      const target = path.resolve(cwd, args.output);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, rendered);
    } else {
      io.stdout.write(rendered);
    }
    // The text report already ends with the summary table. Otherwise print it where it does
    // not mix with machine-readable output: stdout when the report went to a file, else stderr.
    if (args.format !== 'text' || args.output !== null) {
      (args.output !== null ? io.stdout : io.stderr).write(formatSummaryTable(run.report));
    }
    return exitCodeFor(run.report);
  } catch (error) {
    if (error instanceof AuditUsageError) {
      io.stderr.write(`prepguard audit: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
