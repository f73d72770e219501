// `prepguard audit` with prepguard's real rules, docs and corpus metrics (no stand-ins).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import plugin from '../src/index.js';
import { runAuditCli } from '../src/audit/index.js';
import { capture, makeProject, sarifValidator } from './audit-helpers.js';

const PLUGIN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NAIVE_VGG = [
  "import * as tf from '@tensorflow/tfjs';",
  '',
  'export async function classify(pixels) {',
  "  const model = await tf.loadLayersModel('https://example.com/vgg16/model.json');",
  '  const input = pixels.toFloat().div(255).expandDims(0);',
  '  return model.predict(input);',
  '}',
  '',
].join('\n');

const CORRECT_VGG = [
  "import * as tf from '@tensorflow/tfjs';",
  "import { preprocessInput } from '@prepguard/preprocess';",
  '',
  'export async function classify(pixels) {',
  "  const model = await tf.loadLayersModel('https://example.com/vgg16/model.json');",
  "  const input = preprocessInput(pixels.toFloat(), { mode: 'caffe' }).expandDims(0);",
  '  return model.predict(input);',
  '}',
  '',
].join('\n');

async function audit(root: string, argv: string[]) {
  const io = capture();
  const code = await runAuditCli(argv, { stdout: io.stdout, stderr: io.stderr, isTTY: false, cwd: root });
  return { code, out: io.out(), err: io.err() };
}

describe('prepguard audit with the real rules', () => {
  it('flags /255 before VGG16 and stays silent on preprocessInput, in every format', async () => {
    const root = await makeProject({ 'src/naive.js': NAIVE_VGG, 'src/correct.js': CORRECT_VGG, 'src/broken.ts': 'let x = ;\n' });

    const text = await audit(root, ['src']);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/src\/naive\.js\n {2}5:\d+ +error +.*VGG16 \(model call on line 6\).* +@prepguard\/no-naive-scaling/);
    expect(text.out).not.toContain('[model call:'); // said once, in the message
    expect(text.out).not.toContain('src/correct.js');
    expect(text.out).toMatch(/src\/broken\.ts\n.*Parsing error/);

    const json = JSON.parse((await audit(root, ['src', '--format', 'json'])).out);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['src/broken.ts', 'src/naive.js']);
    expect(json.files[1].findings).toEqual([
      expect.objectContaining({ kind: 'finding', ruleId: '@prepguard/no-naive-scaling', line: 5, modelCallLine: 6 }),
    ]);

    const correctOnly = await audit(root, ['src/correct.js']);
    expect(correctOnly.code).toBe(0);
  });

  it('writes valid SARIF whose rules carry docs URL, docs markdown and measured precision', async () => {
    const root = await makeProject({ 'src/naive.js': NAIVE_VGG });
    const { code, out } = await audit(root, ['src', '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(sarifValidator()(log)).toEqual([]);

    const metrics = JSON.parse(await fs.readFile(path.join(PLUGIN_DIR, 'corpus', 'metrics.json'), 'utf8'));
    const descriptors = log.runs[0].tool.driver.rules;
    expect(descriptors.map((d: { name: string }) => d.name)).toEqual(Object.keys(plugin.rules).sort());
    for (const descriptor of descriptors) {
      const rule = plugin.rules[descriptor.name as keyof typeof plugin.rules];
      expect(descriptor.helpUri).toBe(rule.meta.docs?.url);
      expect(descriptor.shortDescription.text).toBe(rule.meta.docs?.description);
      const docs = await fs.readFile(path.join(PLUGIN_DIR, 'docs', 'rules', `${descriptor.name}.md`), 'utf8');
      expect(descriptor.help.markdown).toBe(docs);
      const measured = metrics.rules[descriptor.name];
      expect(descriptor.properties['prepguard/precision']).toBe(measured.precision);
      expect(['very-high', 'high', 'medium', 'low']).toContain(descriptor.properties.precision);
    }
    const [result] = log.runs[0].results;
    expect(result).toMatchObject({
      ruleId: '@prepguard/no-naive-scaling',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/naive.js', uriBaseId: 'SRCROOT' }, region: { startLine: 5 } } }],
      relatedLocations: [{ physicalLocation: { region: { startLine: 6 } } }],
    });
    expect(descriptors[result.ruleIndex].id).toBe('@prepguard/no-naive-scaling');
  });
});
