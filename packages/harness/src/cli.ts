#!/usr/bin/env node
/**
 * The `prepguard` command: check a pipeline against a reference, record a reference, or run the
 * lint audit. Exit codes: 0 all images pass, 1 drift or errors, 2 usage errors.
 */
import { writeFileSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCheck } from './check/run-check.js';
import type { InputParity } from './check/types.js';
import { DEFAULT_TOLERANCE, type Tolerance } from './compare/tolerance.js';
import { HarnessError, UsageError } from './errors.js';
import { recordReference } from './record.js';
import type { Interpolation } from './reference/types.js';
import { summarize } from './report/explain.js';
import { writeHtmlReport } from './report/html.js';
import { HARNESS_VERSION } from './version.js';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  isTTY?: boolean;
}

const USAGE = `Usage: prepguard <command> [options]

Commands:
  check    Run golden images through your pipeline and model; compare with the reference
  record   Record a reference with the Keras-exact TypeScript port (no Python needed)
  audit    Lint preprocessing code (from @prepguard/eslint-plugin)

prepguard check --pipeline <module>[#export] --model <model.json> --reference <ref.json>
    [--images <dir>] [--layers a,b] [--timeout-ms N] [--input-parity error|warn|off]
    [--tolerance name=value ...] [--json <out.json>|-] [--html <report.html>]
  Exit code 0 when every image passes (warnings allowed), 1 on drift or errors, 2 on usage errors.

prepguard record --model <model.json> --preprocess <vgg16|caffe|tf|torch|raw|...> --images <dir> --out <ref.json>
    [--layers a,b] [--target-size 224x224] [--interpolation nearest] [--keep-aspect-ratio]
    [--top-k 5] [--model-name name] [--force] [--ci]
  Never replaces an existing reference without --force, and never under --ci / CI.

Options:
  -h, --help     Show this help
  -v, --version  Show the version
`;

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
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  required(values, ['pipeline', 'model', 'reference'], 'check');
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new UsageError(`--timeout-ms must be a positive integer, got "${values['timeout-ms']}"`);
  const parity = values['input-parity'] as InputParity | undefined;
  if (parity !== undefined && !['error', 'warn', 'off'].includes(parity)) throw new UsageError(`--input-parity must be error, warn or off, got "${parity}"`);
  const report = await runCheck({
    pipeline: values.pipeline as string,
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
    if (values.json) writeFileSync(values.json as string, `${json}\n`);
    io.stdout.write(`${summarize(report)}\n`);
  }
  if (values.html) {
    await writeHtmlReport(report, values.html as string);
    io.stderr.write(`HTML report: ${values.html}\n`);
  }
  return report.ok ? 0 : 1;
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
    io.stdout.write(USAGE);
    return 0;
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
  });
  io.stdout.write(`Recorded ${ref.images.length} images (${ref.preprocessing.mode} mode, model ${ref.model.name}) to ${values.out}\n`);
  return 0;
}

async function audit(args: string[], io: CliIo): Promise<number> {
  let mod: { runAuditCli?: (argv: string[], io?: CliIo) => Promise<number> };
  try {
    mod = (await import('@prepguard/eslint-plugin/audit' as string)) as typeof mod;
  } catch (error) {
    io.stderr.write(`prepguard audit needs @prepguard/eslint-plugin (npm install -D @prepguard/eslint-plugin): ${(error as Error).message}\n`);
    return 2;
  }
  if (typeof mod.runAuditCli !== 'function') {
    io.stderr.write('prepguard audit: this version of @prepguard/eslint-plugin does not export runAuditCli from "@prepguard/eslint-plugin/audit"\n');
    return 2;
  }
  return mod.runAuditCli(args, io);
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        io.stdout.write(`${HARNESS_VERSION}\n`);
        return 0;
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
    if (error instanceof UsageError) {
      io.stderr.write(`prepguard: ${error.message}\nRun "prepguard --help" for usage.\n`);
      return 2;
    }
    const e = error as Error;
    io.stderr.write(`prepguard: ${error instanceof HarnessError ? `${e.name}: ${e.message}` : e.stack ?? String(e)}\n`);
    return 1;
  }
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
