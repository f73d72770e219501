import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeWorkspace, type Workspace } from './helpers/workspace.js';

// describeGolden declares jest tests, so it is exercised the way users run it: a child jest run
// over a fixture suite that imports the built package (`npm run build` first).
const SUITE_DIR = fileURLToPath(new URL('./fixtures/golden-suite/', import.meta.url));
const JEST = fileURLToPath(new URL('../../../node_modules/jest/bin/jest.js', import.meta.url));

interface JestJson {
  testResults: Array<{ assertionResults: Array<{ ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }> }>;
}

let ws: Workspace;
let results: JestJson['testResults'][number]['assertionResults'];
let reportDir: string;
let stderr: string;

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)))) throw new Error('run `npm run build` first');
  ws = await makeWorkspace();
  reportDir = join(ws.root, 'reports');
  const outputFile = join(ws.root, 'jest.json');
  const config = {
    rootDir: SUITE_DIR,
    testMatch: ['**/*.spec.mjs'],
    transform: {},
    testEnvironment: 'node',
    reporters: ['default', ['@prepguard/harness/reporter', { outputFile: join(reportDir, 'report.html') }]],
  };
  const configFile = join(ws.root, 'jest.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const run = promisify(execFile);
  const env = {
    ...process.env,
    CI: '',
    PREPGUARD_REPORT_DIR: reportDir,
    GOLDEN_MODEL: ws.modelPath,
    GOLDEN_REFERENCE: ws.referencePath,
    GOLDEN_MISSING: join(ws.root, 'missing.reference.json'),
    GOLDEN_IMAGE: join(ws.golden.dir, 'wide.png'),
    GOLDEN_RECORD: join(ws.root, 'recorded-by-jest.reference.json'),
    GOLDEN_IMAGES: ws.golden.dir,
  };
  delete (env as Record<string, string | undefined>).JEST_WORKER_ID;
  const child = await run(process.execPath, ['--experimental-vm-modules', JEST, '--config', configFile, '--runInBand', '--json', '--outputFile', outputFile], { env, cwd: ws.root }).catch(
    (e: { stderr: string }) => e,
  );
  stderr = (child as { stderr: string }).stderr;
  results = (JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson).testResults.flatMap((r) => r.assertionResults);
}, 120_000);

const suite = (name: string) => results.filter((r) => r.ancestorTitles[0] === name);

test('one test per golden image, named by file', () => {
  expect(suite('correct pipeline').map((r) => r.title)).toEqual(ws.golden.files);
  expect(suite('correct pipeline').every((r) => r.status === 'passed')).toBe(true);
});

test('a drifting pipeline fails every image with an explanation a colleague would give', () => {
  const failed = suite('divides by 255');
  expect(failed.map((r) => r.status)).toEqual(ws.golden.files.map(() => 'failed'));
  const message = failed[0]!.failureMessages.join('\n');
  expect(message).toContain('drifted from the reference');
  expect(message).toMatch(/Expected top-1 class \d+|Top-1 still matches/);
  expect(message).toContain('Likely mistake [unit-scaling]: pixels were divided by 255');
  expect(message).toMatch(/Evidence: replaying x \/ 255 reproduces the input: max abs error [\d.]+ → 0\.000/);
  expect(message).toContain("Fix: remove the /255 and use preprocessInput(x, { mode: 'caffe' })");
  // The measured tolerance is information, shown only where some tolerance could pass the image.
  if (message.includes('Top-1 still matches')) expect(message).toMatch(/Measured on this image \(the tolerance at which it would pass\): inputMaxAbsError [\d.]+/);
  else expect(message).not.toContain('Measured on this image');
  expect(message).not.toContain('Tolerance that would have passed');
});

test('a missing reference fails under CI and is not written', () => {
  const [missing] = suite('missing reference');
  expect(missing?.status).toBe('failed');
  expect(missing?.failureMessages.join('\n')).toContain('never written under CI');
  expect(existsSync(join(ws.root, 'missing.reference.json'))).toBe(false);
});

test('outside CI, a missing reference is recorded on the first run only when `record` is given', () => {
  const [recorded] = suite('first run outside CI');
  expect(recorded?.title).toContain('records the missing reference');
  expect(recorded?.status).toBe('passed');
  expect(JSON.parse(readFileSync(join(ws.root, 'recorded-by-jest.reference.json'), 'utf8')).producer.name).toBe('prepguard');
});

test('toMatchKerasInput: passes for the Keras input, explains a /255 input', () => {
  const [pass, fail] = results.filter((r) => r.title.startsWith('toMatchKerasInput'));
  expect(pass?.status).toBe('passed');
  expect(fail?.status).toBe('failed');
  expect(fail?.failureMessages.join('\n')).toContain('Likely mistake [unit-scaling]');
});

test('the reporter writes one HTML report from the run manifest', () => {
  const manifest = readdirSync(join(reportDir, 'manifest'));
  expect(manifest).toHaveLength(2 * ws.golden.files.length);
  const html = readFileSync(join(reportDir, 'report.html'), 'utf8');
  expect(html).toContain('correct pipeline › wide.png');
  expect(html).toContain('divides by 255 › wide.png');
  expect(html).toContain('<b>6</b> pass');
  expect(html).toContain('<b>6</b> fail');
  expect(html).toMatch(/data:image\/webp;base64,/);
  expect(stderr).toContain('prepguard: HTML report written to');
});
