/**
 * prepguard from another repository: the packages packed, installed from the tarballs into a new
 * project outside this repository, and used exactly as the READMEs say (their marked snippets,
 * read from the README files, run as written): ESLint on a `.ts` and a `.js` file, the CLI's
 * record/check/audit, and jest with the harness preset on a TypeScript pipeline.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGoldenImages } from '../../packages/harness/test/helpers/fixtures.js';
import { createConsumerProject, installPackages, packWorkspaces, PACKAGES, REPO_ROOT, sh, shOk, writeProjectFile, type PackedPackage } from './consumer-project.js';
import { readmeSnippets, shellCommands, snippet, type Snippet } from './readme-snippets.js';
import { INPUT_SIZE, saveTinyVgg } from './tiny-vgg.js';

const ROOT_README = join(REPO_ROOT, 'README.md');
const PLUGIN_README = join(REPO_ROOT, 'packages/eslint-plugin/README.md');
const HARNESS_README = join(REPO_ROOT, 'packages/harness/README.md');
const PREPROCESS_README = join(REPO_ROOT, 'packages/preprocess/README.md');
const rootSnippets = readmeSnippets(ROOT_README);
const pluginSnippets = readmeSnippets(PLUGIN_README);
const harnessSnippets = readmeSnippets(HARNESS_README);

/** The pipeline the README's `src/preprocess.ts#pipeline` names: Keras' VGG16 preprocessing, typed. */
const CORRECT_PIPELINE = `import { imgToArray, loadImg, preprocessInput } from '@prepguard/preprocess';

type Bytes = Uint8Array;

export async function pipeline(image: Bytes): Promise<ReturnType<typeof preprocessInput>> {
  const img = await loadImg(image, { targetSize: [${INPUT_SIZE}, ${INPUT_SIZE}] });
  return preprocessInput(imgToArray(img), { model: 'vgg16' });
}
`;

/** The classic mistake: pixels divided by 255 in front of a VGG model. */
const UNIT_SCALING_PIPELINE = `import { imgToArray, loadImg, type PixelArray } from '@prepguard/preprocess';

export async function pipeline(image: Uint8Array): Promise<PixelArray> {
  const pixels = imgToArray(await loadImg(image, { targetSize: [${INPUT_SIZE}, ${INPUT_SIZE}] }));
  return { data: pixels.data.map((v) => v / 255), shape: pixels.shape };
}
`;

/** Service code with the mistake the lint rules exist for, as TypeScript and as JavaScript. */
const CLASSIFY_TS = `import * as tf from '@tensorflow/tfjs';

export async function classify(img: ImageData): Promise<tf.Tensor> {
  const vgg16 = await tf.loadLayersModel('/models/vgg16/model.json');
  const x: tf.Tensor = tf.browser.fromPixels(img).toFloat().div(255).expandDims(0);
  return vgg16.predict(x) as tf.Tensor;
}
`;
const CLASSIFY_JS = CLASSIFY_TS.replace(': ImageData', '').replace(': Promise<tf.Tensor>', '').replace(': tf.Tensor', '').replace(' as tf.Tensor', '');

let packDir: string;
let project: string;
let packed: PackedPackage[];

beforeAll(async () => {
  packDir = mkdtempSync(join(tmpdir(), 'prepguard-pack-'));
  project = createConsumerProject();
  const install = async () => {
    packed = await packWorkspaces(packDir);
    await installPackages(project, packed.map((p) => p.tarball));
  };
  const fixtures = async () => {
    await saveTinyVgg(join(project, 'models/vgg16'));
    await writeGoldenImages(join(project, 'golden'));
  };
  // The model and images are made in this process while npm installs (which mostly waits on the disk).
  await Promise.all([install(), fixtures()]);
  writeProjectFile(project, 'src/preprocess.ts', CORRECT_PIPELINE);
  writeProjectFile(project, 'src/classify.ts', CLASSIFY_TS);
  writeProjectFile(project, 'src/classify.js', CLASSIFY_JS);
}, 420_000);

afterAll(() => {
  for (const dir of [project, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the three packages are installed from their tarballs, not linked', () => {
  expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((p) => `@prepguard/${p}`).sort());
  for (const p of PACKAGES) {
    const installed = join(project, 'node_modules/@prepguard', p);
    expect([p, lstatSync(installed).isSymbolicLink(), existsSync(join(installed, 'dist/index.js'))]).toEqual([p, false, true]);
  }
});

test('every export of every package loads with import() and with require()', async () => {
  const specifiers: string[] = [];
  for (const p of PACKAGES) {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@prepguard', p, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const subpath of Object.keys(manifest.exports)) specifiers.push(`@prepguard/${p}${subpath.slice(1)}`);
  }
  // jest-setup registers matchers with jest and refuses to load anywhere else: that refusal proves it loaded.
  const probe = (load: string) => `const out = {};
for (const s of ${JSON.stringify(specifiers)}) {
  try { const m = ${load}; out[s] = m && typeof m === 'object' ? 'ok' : 'empty'; }
  catch (e) { out[s] = /must run inside jest/.test(e.message) ? 'ok' : e.message.split('\\n')[0]; }
}
console.log(JSON.stringify(out));
`;
  writeProjectFile(project, 'probe-exports.mjs', probe("await (s.endsWith('.json') ? import(s, { with: { type: 'json' } }) : import(s))"));
  writeProjectFile(project, 'probe-exports.cjs', probe('require(s)'));
  const esm = await shOk('node probe-exports.mjs', project);
  const cjs = await shOk('node probe-exports.cjs', project);
  const allOk = Object.fromEntries(specifiers.map((s) => [s, 'ok']));
  expect(JSON.parse(esm.stdout)).toEqual(allOk);
  expect(JSON.parse(cjs.stdout)).toEqual(allOk);
}, 120_000);

test("the preprocess README's usage runs: VGG16's input for an image", async () => {
  writeProjectFile(project, 'cat.jpg', readFileSync(join(project, 'golden/images/square.jpg')));
  const usage = snippet(readmeSnippets(PREPROCESS_README), 'usage', 'preprocess README').code;
  // The snippet's last statement is the result; print its shape and first value to see it ran.
  // Type-free TypeScript, so Node runs it as it is, as an ES module (top-level await).
  writeProjectFile(project, 'usage.mjs', `${usage}console.log(JSON.stringify({ shape: input.shape, first: input.data[0] }));\n`);
  const { stdout } = await shOk('node usage.mjs', project);
  const { shape, first } = JSON.parse(stdout) as { shape: number[]; first: number };
  expect(shape).toEqual([224, 224, 3]);
  expect(Number.isFinite(first)).toBe(true);
}, 60_000);

/** Runs ESLint with the snippet as the project's only config; the findings per file. */
async function lintWith(config: Snippet): Promise<Record<string, string[]>> {
  expect(config.file).toMatch(/^eslint\.config\.[cm]?js$/);
  for (const name of ['eslint.config.js', 'eslint.config.cjs', 'eslint.config.mjs']) rmSync(join(project, name), { force: true });
  writeProjectFile(project, config.file!, config.code);
  const result = await sh('npx eslint --format json src/classify.ts src/classify.js', project);
  expect(result.stderr).toBe('');
  const files = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  return Object.fromEntries(files.map((f) => [f.filePath.slice(project.length + 1), f.messages.map((m) => m.ruleId ?? m.message)]));
}

test.each([
  ['README.md', 'eslint-config', rootSnippets],
  ['eslint-plugin README', 'eslint-config', pluginSnippets],
  ['eslint-plugin README', 'eslint-config-typescript-eslint', pluginSnippets],
  ['eslint-plugin README', 'eslint-config-commonjs', pluginSnippets],
])('ESLint with the %s snippet "%s" flags /255 before VGG16 in .ts and .js', async (readme, name, snippets) => {
  const findings = await lintWith(snippet(snippets, name, readme));
  expect(findings['src/classify.ts']).toContain('@prepguard/no-naive-scaling');
  expect(findings['src/classify.js']).toContain('@prepguard/no-naive-scaling');
}, 60_000);

test("README.md's CLI commands: record a reference, check the pipeline (exit 0), audit the code", async () => {
  const [record, check, audit, ...rest] = shellCommands(snippet(rootSnippets, 'cli', 'README.md').code);
  expect(rest).toEqual([]);
  expect(record).toMatch(/^npx prepguard record /);
  await shOk(record!, project);
  const reference = JSON.parse(readFileSync(join(project, 'golden/vgg16.reference.json'), 'utf8')) as { images: unknown[] };
  expect(reference.images).toHaveLength(6);

  expect(check).toMatch(/^npx prepguard check /);
  const checked = await sh(check!, project);
  expect(checked).toMatchObject({ code: 0 });
  expect(readFileSync(join(project, 'reports/prepguard.html'), 'utf8')).toContain('<html');

  expect(audit).toMatch(/^npx prepguard audit /);
  const audited = await sh(audit!, project);
  expect(audited.code).not.toBe(0); // src/classify.* divide by 255 in front of VGG16
  const sarif = JSON.parse(readFileSync(join(project, 'prepguard.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const flagged = sarif.runs[0]!.results.filter((r) => r.ruleId.endsWith('no-naive-scaling')).map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
  expect(flagged.map((uri) => uri.replace(/^.*src\//, 'src/')).sort()).toEqual(['src/classify.js', 'src/classify.ts']);
}, 180_000);

test('jest with the README config runs describeGolden on a TypeScript pipeline (both READMEs)', async () => {
  const jestConfig = snippet(rootSnippets, 'jest-config', 'README.md');
  expect(snippet(harnessSnippets, 'jest-config', 'harness README').code).toBe(jestConfig.code);
  const tests = [snippet(rootSnippets, 'golden-test', 'README.md'), snippet(harnessSnippets, 'golden-test', 'harness README')];
  for (const s of [jestConfig, ...tests]) writeProjectFile(project, s.file!, s.code);
  expect(tests.map((t) => t.file)).toEqual(['golden.test.ts', 'test/golden.test.ts']);

  // Plain `npx jest` (CommonJS), and jest's native ES modules, which the preset supports as well.
  // A cache inside the project, so each run starts cold and leaves nothing in the shared temp directory.
  for (const [mode, nodeOptions] of [['commonjs', ''], ['esm', 'NODE_OPTIONS=--experimental-vm-modules ']]) {
    const run = await sh(`${nodeOptions}npx jest --ci --cacheDirectory=.jest-cache-${mode} --json --outputFile=jest-${mode}.json`, project, 240_000);
    const results = JSON.parse(readFileSync(join(project, `jest-${mode}.json`), 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number };
    // 6 golden images in each of the 2 test files
    expect({ mode, code: run.code, suites: results.numTotalTestSuites, passed: results.numPassedTests, failed: results.numFailedTests }).toEqual({ mode, code: 0, suites: 2, passed: 12, failed: 0 });
  }
}, 240_000);

test("a /255 pipeline fails the harness README's check command and the jest tests, naming the mistake", async () => {
  const [check] = shellCommands(snippet(harnessSnippets, 'check', 'harness README').code);
  writeProjectFile(project, 'src/preprocess.ts', UNIT_SCALING_PIPELINE);
  const drifted = await sh(check!, project);
  expect(drifted.code).not.toBe(0);
  expect(drifted.stdout).toContain('Likely mistake [unit-scaling]');

  const jest = await sh('npx jest --ci --cacheDirectory=.jest-cache', project, 240_000);
  expect(jest.code).not.toBe(0);
  expect(jest.stderr).toContain('Likely mistake [unit-scaling]');
  expect(jest.stderr).toMatch(/Tests: +12 failed, 12 total/);
}, 240_000);
