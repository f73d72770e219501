#!/usr/bin/env node
/**
 * The `prepguard` command: check a pipeline against a reference, record a reference, or run the
 * lint audit. Exit codes (cli/help.ts): 0 pass, 1 drift, 2 nothing checked (usage, configuration
 * or load error). No input produces a raw stack trace; `--debug` prints one.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { browserUnavailableReason } from './browser/chromium.js';
import { runCheck } from './check/run-check.js';
import type { InputParity } from './check/types.js';
import { DEFAULT_TOLERANCE, resolveTolerance, type Tolerance } from './compare/tolerance.js';
import { CHECK_HELP, EXIT, MAIN_HELP, RECORD_HELP } from './cli/help.js';
import { HarnessError, UsageError } from './errors.js';
import { recordReference } from './record.js';
import { isCI } from './reference/write.js';
import type { Interpolation } from './reference/types.js';
import { summarize } from './report/explain.js';
import { writeHtmlReport } from './report/html.js';
import { HARNESS_VERSION } from './version.js';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  isTTY?: boolean;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
type Values = Record<string, string | boolean | string[] | undefined>;

function parse(args: string[], options: OptionSpec): { values: Values } {
  try {
    const { values } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false, strict: true });
    return { values: values as Values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(values: Record<string, unknown>, names: string[], command: string): void {
  const missing = names.filter((n) => values[n] === undefined);
  if (missing.length) throw new UsageError(`prepguard ${command}: missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

function parseTolerance(items: string[] | undefined): Partial<Tolerance> {
  const out: Partial<Tolerance> = {};
  for (const item of items ?? []) {
    const [key, value] = item.split('=');
    if (!key || value === undefined || !(key in DEFAULT_TOLERANCE)) {
      throw new UsageError(`--tolerance expects name=value with name one of ${Object.keys(DEFAULT_TOLERANCE).join(', ')}; got "${item}"`);
    }
    const n = Number(value);
    if (!Number.isFinite(n)) throw new UsageError(`--tolerance ${key}: "${value}" is not a number`);
    out[key as keyof Tolerance] = n;
  }
  try {
    // The same validation the check applies, before any model is loaded.
    resolveTolerance(out, { name: 'cpu', float32: true });
  } catch (error) {
    throw new UsageError(`--tolerance: ${(error as Error).message}`);
  }
  return out;
}

function progressBar(io: CliIo) {
  if (!io.isTTY) return undefined;
  return (done: number, total: number, file: string) => {
    const width = 24;
    const filled = Math.round((done / total) * width);
    io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file.slice(0, 40).padEnd(40)}${done === total ? '\n' : ''}`);
  };
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    pipeline: { type: 'string' },
    model: { type: 'string' },
    reference: { type: 'string' },
    images: { type: 'string' },
    layers: { type: 'string' },
    'timeout-ms': { type: 'string' },
    'input-parity': { type: 'string' },
    tolerance: { type: 'string', multiple: true },
    json: { type: 'string' },
    html: { type: 'string' },
    browser: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  required(values, ['pipeline', 'model', 'reference'], 'check');
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new UsageError(`--timeout-ms must be a positive integer, got "${values['timeout-ms']}"`);
  const parity = values['input-parity'] as InputParity | undefined;
  if (parity !== undefined && !['error', 'warn', 'off'].includes(parity)) throw new UsageError(`--input-parity must be error, warn or off, got "${parity}"`);
  if (values.browser) {
    // No browser on this machine: skipped with the reason, except under CI, where it is an error.
    const missing = browserUnavailableReason();
    if (missing && !isCI()) {
      io.stderr.write(`prepguard check --browser: skipped, no headless browser (${missing}). Install Chromium (apt-get install chromium) or set PREPGUARD_CHROMIUM to a Chrome/Chromium executable.\n`);
      return EXIT.ok;
    }
  }
  const report = await runCheck({
    pipeline: values.pipeline as string,
    environment: values.browser ? 'browser' : 'node',
    model: values.model as string,
    reference: values.reference as string,
    images: values.images as string | undefined,
    layers: (values.layers as string | undefined)?.split(',').filter(Boolean),
    timeoutMs,
    inputParity: parity,
    tolerance: parseTolerance(values.tolerance as string[] | undefined),
    collectArtifacts: values.html !== undefined,
    onProgress: progressBar(io),
  });
  const json = JSON.stringify(report, null, 2);
  if (values.json === '-') io.stdout.write(`${json}\n`);
  else {
    if (values.json) {
      mkdirSync(dirname(values.json as string), { recursive: true });
      writeFileSync(values.json as string, `${json}\n`);
    }
    io.stdout.write(`${summarize(report)}\n`);
  }
  if (values.html) {
    await writeHtmlReport(report, values.html as string);
    io.stderr.write(`HTML report: ${values.html}\n`);
  }
  return report.ok ? EXIT.ok : EXIT.drift;
}

const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'lanczos', 'box', 'hamming'];

async function record(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    model: { type: 'string' },
    preprocess: { type: 'string' },
    images: { type: 'string' },
    out: { type: 'string' },
    layers: { type: 'string' },
    'target-size': { type: 'string' },
    interpolation: { type: 'string' },
    'keep-aspect-ratio': { type: 'boolean' },
    'top-k': { type: 'string' },
    'model-name': { type: 'string' },
    force: { type: 'boolean' },
    ci: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(RECORD_HELP);
    return EXIT.ok;
  }
  required(values, ['model', 'preprocess', 'images', 'out'], 'record');
  let targetSize: [number, number] | undefined;
  if (values['target-size'] !== undefined) {
    const m = /^(\d+)x(\d+)$/.exec(values['target-size'] as string);
    if (!m) throw new UsageError(`--target-size must be HEIGHTxWIDTH, e.g. 224x224; got "${values['target-size']}"`);
    targetSize = [Number(m[1]), Number(m[2])];
  }
  const interpolation = values.interpolation as string | undefined;
  if (interpolation !== undefined && !INTERPOLATIONS.includes(interpolation)) throw new UsageError(`--interpolation must be one of ${INTERPOLATIONS.join(', ')}`);
  const topK = values['top-k'] === undefined ? undefined : Number(values['top-k']);
  if (topK !== undefined && !(Number.isInteger(topK) && topK > 0)) throw new UsageError('--top-k must be a positive integer');
  const ref = await recordReference({
    model: values.model as string,
    preprocess: values.preprocess as 'vgg16',
    images: values.images as string,
    out: values.out as string,
    layers: (values.layers as string | undefined)?.split(',').filter(Boolean),
    targetSize,
    interpolation: interpolation as Interpolation | undefined,
    keepAspectRatio: values['keep-aspect-ratio'] as boolean | undefined,
    topK,
    modelName: values['model-name'] as string | undefined,
    force: values.force as boolean | undefined,
    ci: values.ci ? true : undefined,
    onProgress: progressBar(io),
  });
  io.stdout.write(`Recorded ${ref.images.length} images (${ref.preprocessing.mode} mode, model ${ref.model.name}) to ${values.out}\n`);
  return EXIT.ok;
}

async function audit(args: string[], io: CliIo): Promise<number> {
  let mod: { runAuditCli?: (argv: string[], io?: CliIo) => Promise<number> };
  try {
    mod = (await import('@prepguard/eslint-plugin/audit' as string)) as typeof mod;
  } catch (error) {
    io.stderr.write(`prepguard audit needs @prepguard/eslint-plugin (npm install -D @prepguard/eslint-plugin): ${(error as Error).message}\n`);
    return EXIT.cannotRun;
  }
  if (typeof mod.runAuditCli !== 'function') {
    io.stderr.write('prepguard audit: this version of @prepguard/eslint-plugin does not export runAuditCli from "@prepguard/eslint-plugin/audit"\n');
    return EXIT.cannotRun;
  }
  return mod.runAuditCli(args, io);
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY }): Promise<number> {
  // --debug is global and may stand anywhere, except after `audit`, whose arguments are ESLint's business.
  const auditAt = argv.indexOf('audit');
  const debug = argv.some((a, i) => a === '--debug' && (auditAt < 0 || i < auditAt));
  const [command, ...rest] = argv.filter((a, i) => a !== '--debug' || (auditAt >= 0 && i > auditAt));
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(MAIN_HELP);
        return command === undefined ? EXIT.cannotRun : EXIT.ok;
      case '-v':
      case '--version':
        io.stdout.write(`${HARNESS_VERSION}\n`);
        return EXIT.ok;
      case 'check':
        return await check(rest, io);
      case 'record':
        return await record(rest, io);
      case 'audit':
        return await audit(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (expected check, record or audit)`);
    }
  } catch (error) {
    io.stderr.write(describeFailure(error, command, debug));
    return EXIT.cannotRun;
  }
}

/** One readable message per failure; the stack trace only with --debug. */
function describeFailure(error: unknown, command: string | undefined, debug: boolean): string {
  const e = error instanceof Error ? error : new Error(String(error));
  const help = command === 'check' || command === 'record' ? `prepguard ${command} --help` : 'prepguard --help';
  let text: string;
  if (error instanceof UsageError) text = `prepguard: ${e.message}\nRun "${help}" for usage.\n`;
  else if (error instanceof HarnessError) text = `prepguard: ${e.name}: ${e.message}\n`;
  else text = `prepguard: unexpected ${e.name}: ${e.message}\n(this is a prepguard bug or an unsupported input; run with --debug for the stack trace)\n`;
  return debug && e.stack ? `${text}${e.stack}\n` : text;
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
