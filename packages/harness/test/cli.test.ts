import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from '../src/cli.js';
import { DEFAULT_TOLERANCE } from '../src/compare/tolerance.js';
import { makeWorkspace, type Workspace } from './helpers/workspace.js';

const PIPELINES = fileURLToPath(new URL('./helpers/pipelines.ts', import.meta.url));

function io(isTTY = false): CliIo & { out: string; err: string } {
  const sink = { out: '', err: '', isTTY } as CliIo & { out: string; err: string };
  sink.stdout = { write: (s: string) => (sink.out += s) };
  sink.stderr = { write: (s: string) => (sink.err += s) };
  return sink;
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

let ws: Workspace;
beforeAll(async () => {
  ws = await makeWorkspace();
});

const checkArgs = (exportName: string) => ['check', '--pipeline', `${PIPELINES}#${exportName}`, '--model', ws.modelPath, '--reference', ws.referencePath];

test('check exits 0 when every image passes, with a progress bar on a TTY', async () => {
  const t = io(true);
  expect(await main(checkArgs('correct'), t)).toBe(0);
  expect(t.out).toContain('6 pass, 0 warn, 0 fail, 0 error');
  expect(t.err).toMatch(/\[#{24}\] 6\/6/);
});

test('check exits 1 on drift and writes JSON and HTML', async () => {
  const t = io();
  const json = join(ws.root, 'out', 'report.json');
  const html = join(ws.root, 'out', 'report.html');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(ws.root, 'out'), { recursive: true });
  expect(await main([...checkArgs('unitScaling'), '--json', json, '--html', html], t)).toBe(1);
  expect(t.out).toContain('Likely mistake [unit-scaling]');
  expect(t.err).not.toContain('['); // no progress bar without a TTY
  const report = JSON.parse(readFileSync(json, 'utf8'));
  expect(report.ok).toBe(false);
  expect(report.images[0]).toMatchObject({ status: 'fail', diagnosis: { code: 'unit-scaling', stage: 'normalize' } });
  expect(report.images[0].input.maxAbsError).toBeGreaterThan(100);
  const page = readFileSync(html, 'utf8');
  expect(page).toContain('<code>unit-scaling</code>');
  expect(page.match(/data:image\/webp;base64,/g)?.length).toBeGreaterThanOrEqual(6 * 4);
  expect(page).not.toMatch(/<(script|link)\b/); // self-contained
});

test('check --json - prints the JSON report on stdout', async () => {
  const t = io();
  expect(await main([...checkArgs('correct'), '--json', '-'], t)).toBe(0);
  expect(JSON.parse(t.out).summary).toMatchObject({ pass: 6, total: 6 });
});

test.each([
  [['check', '--model', 'm.json', '--reference', 'r.json'], /missing --pipeline/],
  [['check', '--pipeline', 'p.ts', '--model', 'm.json', '--reference', 'r.json', '--timeout-ms', 'soon'], /--timeout-ms must be a positive integer/],
  [['check', '--pipeline', 'p.ts', '--model', 'm.json', '--reference', 'r.json', '--tolerance', 'nope=1'], /--tolerance expects name=value/],
  [['check', '--pipeline', 'p.ts', '--model', 'm.json', '--reference', 'r.json', '--bogus'], /Unknown option '--bogus'/],
  [['check', '--pipeline', 'p.ts', '--model', 'm.json', '--reference', 'r.json', '--tolerance', 'minTopKOverlap=2'], /--tolerance: Tolerance "minTopKOverlap" is a fraction between 0 and 1/],
  [['record', '--model', 'm.json', '--preprocess', 'vgg17', '--images', 'd', '--out', 'o.json'], /unknown preprocess "vgg17"/],
  [['record', '--model', 'm.json', '--preprocess', 'vgg16', '--images', 'd', '--out', 'o.json', '--target-size', '224'], /--target-size must be HEIGHTxWIDTH/],
  [['frobnicate'], /unknown command "frobnicate"/],
])('usage errors exit 2 with a clear message: %j', async (argv, message) => {
  const t = io();
  expect(await main(argv, t)).toBe(2);
  expect(t.err).toMatch(message);
  expect(t.err).toMatch(new RegExp(`Run "prepguard ${['check', 'record'].includes(argv[0]!) ? `${argv[0]} ` : ''}--help"`));
});

test('--help, --version, and no command', async () => {
  const h = io();
  expect(await main(['--help'], h)).toBe(0);
  expect(h.out).toContain('prepguard <command> --help');
  expect(h.out).toMatch(/Exit codes:\n\s+0 .*\n\s+1 +drift.*[\s\S]*\n\s+2 +nothing was checked/);
  const v = io();
  expect(await main(['--version'], v)).toBe(0);
  expect(v.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  expect(await main([], io())).toBe(2);
});

test('check --help and record --help document every flag, each tolerance with its unit and default, and the exit codes', async () => {
  const c = io();
  expect(await main(['check', '--help'], c)).toBe(0);
  for (const flag of ['--pipeline', '--model', '--reference', '--images', '--layers', '--tolerance', '--input-parity', '--timeout-ms', '--json', '--html', '--debug']) expect(c.out).toContain(flag);
  for (const [name, value] of Object.entries(DEFAULT_TOLERANCE)) expect(c.out).toMatch(new RegExp(`${name}=${value}\\s+\\S`));
  expect(c.out).toContain('model-input units');
  expect(c.out).toContain('Default: images/ next to the reference');
  expect(c.out).toMatch(/2 +nothing was checked/);
  const r = io();
  expect(await main(['record', '--help'], r)).toBe(0);
  for (const flag of ['--model', '--preprocess', '--images', '--out', '--layers', '--target-size', '--interpolation', '--keep-aspect-ratio', '--top-k', '--model-name', '--force', '--ci']) expect(r.out).toContain(flag);
  expect(r.out).not.toContain('--pipeline');
});

// Every input that stops a run: exit 2, a typed error naming the file and the cause, no stack trace.
test.each<[string, (root: string) => string[], RegExp]>([
  ['a missing reference', (root) => ['--reference', join(root, 'absent.json')], /ReferenceFileError: Reference .*absent\.json: file not found/],
  ['a missing model', (root) => ['--model', join(root, 'none', 'model.json')], /ModelLoadError: Cannot load model: .*none\/model\.json: model\.json not found/],
  ['a model.json that is JSON but not a model', (root) => ['--model', writeJson(root, 'not-a-model.json', { modelTopology: 5 })], /ModelLoadError: .*not-a-model\.json: is not a TF\.js model\.json \("modelTopology" is number/],
  ['a model.json that is a number', (root) => ['--model', writeJson(root, 'five.json', 5)], /ModelLoadError: .*five\.json: is not a TF\.js model\.json/],
  ['a missing pipeline module', (root) => ['--pipeline', join(root, 'nope.ts')], /PipelineLoadError: Cannot load pipeline .*nope\.ts: module not found/],
  ['a missing images folder', (root) => ['--images', join(root, 'no-such-dir')], /ImagesDirError: Images directory .*no-such-dir: does not exist/],
])('check with %s exits 2 naming the file, without a stack trace', async (_name, override, message) => {
  const args = checkArgs('correct');
  const extra = override(ws.root);
  const i = args.indexOf(extra[0]!);
  if (i >= 0) args.splice(i, 2, ...extra);
  else args.push(...extra);
  const t = io();
  expect(await main(args, t)).toBe(2);
  expect(t.err).toMatch(message);
  expect(t.err).not.toMatch(/\n\s+at /);
  expect(t.out).toBe('');
});

test('--debug prints the stack trace of the same error', async () => {
  const t = io();
  expect(await main(['check', '--debug', '--pipeline', `${PIPELINES}#correct`, '--model', ws.modelPath, '--reference', join(ws.root, 'absent.json')], t)).toBe(2);
  expect(t.err).toContain('ReferenceFileError');
  expect(t.err).toMatch(/\n\s+at /);
});

test('record names each unreadable image, records the others, and exits 2; a missing folder is named', async () => {
  const dir = join(ws.root, 'images-with-bad');
  cpSync(ws.golden.dir, dir, { recursive: true });
  writeFileSync(join(dir, 'empty.jpg'), '');
  writeFileSync(join(dir, 'garbage.png'), 'this is not an image');
  const out = join(ws.root, 'partial.reference.json');
  const t = io();
  expect(await main(['record', '--model', ws.modelPath, '--preprocess', 'vgg16', '--images', dir, '--out', out, '--ci'], t)).toBe(2);
  expect(t.err).toContain('RecordIncompleteError');
  expect(t.err).toMatch(/recorded 6 images to .*partial\.reference\.json, but 2 could not be read/);
  expect(t.err).toMatch(/- empty\.jpg: .*empty file/);
  expect(t.err).toMatch(/- garbage\.png: .*unsupported image format/);
  expect(t.err).not.toMatch(/\n\s+at /);
  expect(JSON.parse(readFileSync(out, 'utf8')).images.map((i: { file: string }) => i.file)).toEqual(ws.golden.files);
  const missing = io();
  expect(await main(['record', '--model', ws.modelPath, '--preprocess', 'vgg16', '--images', join(ws.root, 'nowhere'), '--out', join(ws.root, 'x.json')], missing)).toBe(2);
  expect(missing.err).toMatch(/ImagesDirError: Images directory .*nowhere: does not exist/);
  expect(missing.err).not.toMatch(/\n\s+at /);
});

test('record writes a reference, refuses to overwrite without --force, and never overwrites under --ci', async () => {
  // The test itself may run under CI (CI=true): outside --ci the CLI must then behave as on a laptop.
  const savedCI = process.env.CI;
  delete process.env.CI;
  try {
    await recordScenario();
  } finally {
    if (savedCI !== undefined) process.env.CI = savedCI;
  }
});

async function recordScenario(): Promise<void> {
  const out = join(ws.root, 'recorded.json');
  const args = ['record', '--model', ws.modelPath, '--preprocess', 'vgg16', '--images', ws.golden.dir, '--out', out, '--layers', 'block2_pool', '--target-size', '32x32'];
  const t = io();
  expect(await main(args, t)).toBe(0);
  expect(t.out).toContain('Recorded 6 images');
  const first = readFileSync(out, 'utf8');
  expect(JSON.parse(first).producer.name).toBe('prepguard');
  const again = io();
  expect(await main(args, again)).toBe(2);
  expect(again.err).toContain('already exists; pass force (--force)');
  const ci = io();
  expect(await main([...args, '--force', '--ci'], ci)).toBe(2);
  expect(ci.err).toContain('never replaced under CI');
  expect(await main([...args, '--force'], io())).toBe(0);
  expect(existsSync(out)).toBe(true);
}

test('audit dispatches to runAuditCli of @prepguard/eslint-plugin/audit (or says clearly that it is missing)', async () => {
  const t = io();
  const code = await main(['audit', '--help'], t);
  const built = existsSync(fileURLToPath(new URL('../../eslint-plugin/dist/audit/index.js', import.meta.url)));
  if (built) {
    expect(code).toBe(0);
    expect(t.out.length).toBeGreaterThan(0);
  } else {
    expect(code).toBe(2);
    expect(t.err).toContain('prepguard audit needs @prepguard/eslint-plugin');
  }
});

test("audit --concurrency runs ESLint's worker threads and finds what a plain audit finds (built package)", async () => {
  const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const service = fileURLToPath(new URL('../../../examples/service', import.meta.url));
  const run = promisify(execFile);
  const audit = async (...extra: string[]) => {
    const out = await run(process.execPath, [bin, 'audit', service, '--format', 'json', ...extra]).catch((e: { stdout: string }) => e);
    return JSON.parse((out as { stdout: string }).stdout).files.map((f: { path: string; findings: Array<{ ruleId: string; line: number }> }) => [f.path, f.findings.map((x) => `${x.ruleId}:${x.line}`)]);
  };
  const plain = await audit();
  expect(plain.length).toBeGreaterThan(0);
  expect(await audit('--concurrency', '2')).toEqual(plain);
});

test('the built bin runs with node and returns the exit code (needs `npm run build`)', async () => {
  const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(bin)) throw new Error('packages/harness/dist/cli.js is missing: run `npm run build` first');
  expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  const run = promisify(execFile);
  const ok = await run(process.execPath, [bin, '--version']);
  expect(ok.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  const bad = await run(process.execPath, [bin, 'check']).catch((e: { code: number; stderr: string }) => e);
  expect((bad as { code: number }).code).toBe(2);
  // A TypeScript pipeline module of an ESM project loaded through tsx, outside jest.
  writeFileSync(join(ws.root, 'package.json'), '{ "type": "module" }\n');
  const tsPipeline = join(ws.root, 'pipeline.ts');
  writeFileSync(tsPipeline, `export { correct as pipeline } from ${JSON.stringify(PIPELINES)};\n`);
  const real = await run(process.execPath, [bin, 'check', '--pipeline', tsPipeline, '--model', ws.modelPath, '--reference', ws.referencePath]);
  expect(real.stdout).toContain('6 pass');
});
