import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from '../src/cli.js';
import { makeWorkspace, type Workspace } from './helpers/workspace.js';

const PIPELINES = fileURLToPath(new URL('./helpers/pipelines.ts', import.meta.url));

function io(isTTY = false): CliIo & { out: string; err: string } {
  const sink = { out: '', err: '', isTTY } as CliIo & { out: string; err: string };
  sink.stdout = { write: (s: string) => (sink.out += s) };
  sink.stderr = { write: (s: string) => (sink.err += s) };
  return sink;
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
  expect(page.match(/data:image\/png;base64,/g)?.length).toBeGreaterThanOrEqual(6 * 4);
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
  [['record', '--model', 'm.json', '--preprocess', 'vgg16', '--images', 'd', '--out', 'o.json', '--target-size', '224'], /--target-size must be HEIGHTxWIDTH/],
  [['frobnicate'], /unknown command "frobnicate"/],
])('usage errors exit 2 with a clear message: %j', async (argv, message) => {
  const t = io();
  expect(await main(argv, t)).toBe(2);
  expect(t.err).toMatch(message);
  expect(t.err).toContain('prepguard --help');
});

test('--help, --version, and no command', async () => {
  const h = io();
  expect(await main(['--help'], h)).toBe(0);
  expect(h.out).toContain('prepguard check --pipeline');
  const v = io();
  expect(await main(['--version'], v)).toBe(0);
  expect(v.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  expect(await main([], io())).toBe(2);
});

test('a run that cannot start (missing reference, missing model) exits 1 naming the file', async () => {
  const t = io();
  expect(await main(['check', '--pipeline', `${PIPELINES}#correct`, '--model', ws.modelPath, '--reference', join(ws.root, 'absent.json')], t)).toBe(1);
  expect(t.err).toContain('ReferenceFileError');
  expect(t.err).toContain('absent.json: file not found');
  const m = io();
  expect(await main(['check', '--pipeline', `${PIPELINES}#correct`, '--model', join(ws.root, 'none', 'model.json'), '--reference', ws.referencePath], m)).toBe(1);
  expect(m.err).toContain('ModelLoadError');
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
  expect(await main(args, again)).toBe(1);
  expect(again.err).toContain('already exists; pass force (--force)');
  const ci = io();
  expect(await main([...args, '--force', '--ci'], ci)).toBe(1);
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
