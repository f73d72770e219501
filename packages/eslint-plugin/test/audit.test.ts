import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runAuditCli, FINGERPRINT_KEY, sarifPrecision } from '../src/audit/index.js';
import { capture, makeLocalPlugin, makeProject, sarifValidator } from './audit-helpers.js';

const DOCS = '# no-raw-255\n\nDisallow raw 255 literals.\n\n## ❌ Incorrect\n\n```js\nx.div(255)\n```\n';

async function fixtureProject(extra: Record<string, string> = {}): Promise<string> {
  return makeProject({
    'src/classify.ts': [
      "import * as tf from '@tensorflow/tfjs';",
      'export async function classify(img: tf.Tensor3D) {',
      "  const model = await tf.loadLayersModel('vgg16/model.json');",
      '  const x = img.div(255).expandDims(0);',
      '  return model.predict(x);',
      '}',
      '',
    ].join('\n'),
    'src/clean.js': 'export const half = (v) => v / 2;\n',
    'src/warn.mjs': 'export const m = 1;\n',
    'src/broken.ts': 'const = ;\n',
    'types/vgg.d.ts': 'declare const x: 255;\n',
    'node_modules/dep/index.js': 'module.exports = 255;\n',
    'dist/bundle.js': 'var a = 255;\n',
    'docs/rules/no-raw-255.md': DOCS,
    'metrics.json': JSON.stringify({ rules: { 'no-raw-255': { precision: 0.97, recall: 0.9, tp: 97, fp: 3, fn: 11 } }, files: 40 }),
    ...extra,
  });
}

async function audit(root: string, argv: string[], isTTY = false) {
  const io = capture();
  const code = await runAuditCli(argv, { stdout: io.stdout, stderr: io.stderr, isTTY, cwd: root }, {
    plugin: makeLocalPlugin(),
    catalogSources: { docsDir: path.join(root, 'docs', 'rules'), metricsFile: path.join(root, 'metrics.json') },
  });
  return { code, out: io.out(), err: io.err() };
}

describe('prepguard audit: text output and exit codes', () => {
  it('groups findings by file with line:col, rule and the model-call line, then a summary table', async () => {
    const root = await fixtureProject();
    const { code, out } = await audit(root, ['src']);
    expect(code).toBe(1);
    expect(out).toContain('src/classify.ts\n');
    expect(out).toMatch(/ {2}4:21 +error +Scaling by 255 before a caffe-mode model \(model call on line 5\)\. +prepguard\/no-raw-255/);
    expect(out).toMatch(/src\/broken\.ts\n {2}1:6 +error +Parsing error: .+ parse error/);
    expect(out).toMatch(/src\/warn\.mjs\n {2}1:14 +warning +Name the model variable\. +prepguard\/prefer-named-model/);
    expect(out).not.toContain('clean.js');
    expect(out).toMatch(/Rule +Severity +Count +Files/);
    expect(out).toMatch(/prepguard\/no-raw-255 +error +1 +1/);
    expect(out).toMatch(/prepguard\/prefer-named-model +warning +1 +1/);
    expect(out).toMatch(/\(parse errors\) +error +1/);
    expect(out).toContain('3 problem(s) (2 error(s), 1 warning(s)) in 3 of 4 file(s) linted');
  });

  it('skips node_modules, dist and declaration files unless told otherwise', async () => {
    const root = await fixtureProject();
    const { out } = await audit(root, ['--format', 'json']);
    const report = JSON.parse(out);
    const paths = report.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(['src/broken.ts', 'src/classify.ts', 'src/warn.mjs']);
    expect(report.totals.filesLinted).toBe(4);

    const all = JSON.parse((await audit(root, ['--format=json', '--no-default-ignores'])).out);
    expect(all.files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['dist/bundle.js', 'node_modules/dep/index.js']),
    );
    expect(all.totals.filesLinted).toBe(6);
  });

  it('ignores ESLint directive problems and rules switched on by inline comments in audited code', async () => {
    const root = await fixtureProject({
      'src/legacy.js': '/* eslint-env browser */\n/* eslint no-console: "error" */\nconsole.log(255);\n',
    });
    const { out } = await audit(root, ['src/legacy.js', '--format', 'json']);
    const [file] = JSON.parse(out).files;
    expect(file.findings).toEqual([expect.objectContaining({ kind: 'finding', ruleId: 'prepguard/no-raw-255', line: 3 })]);
  });

  it('skips named files that are not JS/TS sources', async () => {
    const root = await fixtureProject({ 'notes.md': '255\n' });
    const { code, out } = await audit(root, ['notes.md', 'types/vgg.d.ts', 'src/clean.js']);
    expect(code).toBe(0);
    expect(out).toContain('No problems found in 1 file(s) linted');
  });

  it('exits 0 when there are only warnings, and when nothing is found', async () => {
    const root = await fixtureProject();
    const warnOnly = await audit(root, ['src/warn.mjs']);
    expect(warnOnly.code).toBe(0);
    expect(warnOnly.out).toContain('1 problem(s) (0 error(s), 1 warning(s))');
    const clean = await audit(root, ['src/clean.js']);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('No problems found in 1 file(s) linted');
  });

  it('runs only the rules of the chosen preset', async () => {
    const root = await fixtureProject();
    const { code, out } = await audit(root, ['src/warn.mjs', 'src/classify.ts', '--preset', 'recommended', '--format', 'json']);
    expect(code).toBe(1);
    const ruleIds = JSON.parse(out).rules.map((r: { ruleId: string }) => r.ruleId);
    expect(ruleIds).toEqual(['prepguard/no-raw-255']);
  });

  it('reports a file that a rule crashes on as a crash finding and lints the other files', async () => {
    const root = await fixtureProject({ 'src/boom.js': 'const boom = 1;\n' });
    const { code, out } = await audit(root, ['src', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    const boom = report.files.find((f: { path: string }) => f.path === 'src/boom.js');
    expect(boom.findings).toEqual([
      expect.objectContaining({ kind: 'crash', ruleId: null, severity: 'error', line: 1, message: expect.stringContaining('rule exploded') }),
    ]);
    expect(report.totals).toMatchObject({ filesLinted: 5, crashes: 1, parseErrors: 1 });
    expect(report.files.map((f: { path: string }) => f.path)).toContain('src/classify.ts');
  });
});

describe('prepguard audit: usage errors exit 2 with a clear message', () => {
  it.each([
    [['--frobnicate'], 'Unknown option: --frobnicate'],
    [['missing-dir'], 'No such file or directory: missing-dir'],
    [['--format', 'xml'], 'Invalid value for --format: "xml". Expected one of: text, json, sarif.'],
    [['--output'], 'Option --output needs a value.'],
    [['--preset', 'lenient'], 'Invalid value for --preset: "lenient"'],
    [['--config', 'nope.json'], 'Cannot read settings file'],
  ])('%j', async (argv, message) => {
    const root = await fixtureProject();
    const { code, out, err } = await audit(root, argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints help and exits 0', async () => {
    const root = await fixtureProject();
    const { code, out } = await audit(root, ['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: prepguard audit [paths...] [options]');
  });

  it('rejects a settings file that is not an object', async () => {
    const root = await fixtureProject({ 'prepguard.config.json': '[1, 2]' });
    const { code, err } = await audit(root, ['src']);
    expect(code).toBe(2);
    expect(err).toContain('must be an object like { "models": [...] }');
  });
});

describe('prepguard audit: settings', () => {
  it('passes prepguard.config.json to the rules as settings.prepguard', async () => {
    const root = await fixtureProject({ 'prepguard.config.json': JSON.stringify({ models: [{ pattern: 'myvgg', mode: 'caffe' }] }) });
    const { out } = await audit(root, ['src/classify.ts']);
    expect(out).toContain('(1 model pattern(s) configured)');
  });

  it('turns settings the rules reject into a usage error naming the settings file', async () => {
    const root = await fixtureProject({
      'prepguard.config.json': JSON.stringify({ models: [{ pattern: 'x', mode: 'bogus' }] }),
      'src/settings.js': 'badSettings;\n',
    });
    const { code, err } = await audit(root, ['src/settings.js']);
    expect(code).toBe(2);
    expect(err).toBe(
      `prepguard audit: Invalid settings.prepguard: models[0].mode must be one of caffe, tf, torch, raw, unit (from ${path.join(root, 'prepguard.config.json')})\n`,
    );
  });

  it('falls back to the "prepguard" field of package.json, and --config wins over both', async () => {
    const root = await fixtureProject({
      'package.json': JSON.stringify({ name: 'app', prepguard: { models: [{ pattern: 'a', mode: 'tf' }, { pattern: 'b', mode: 'tf' }] } }),
      'custom.json': JSON.stringify({ models: [] }),
    });
    expect((await audit(root, ['src/classify.ts'])).out).toContain('(2 model pattern(s) configured)');
    expect((await audit(root, ['src/classify.ts', '--config', 'custom.json'])).out).toContain('(0 model pattern(s) configured)');
  });
});

describe('prepguard audit: JSON output', () => {
  it('follows the documented schema', async () => {
    const root = await fixtureProject();
    const { code, out, err } = await audit(root, ['src', '--format', 'json', '--no-progress']);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: '@prepguard/eslint-plugin', version: '9.9.9' },
      root,
      settingsSource: null,
      totals: { filesLinted: 4, filesWithFindings: 3, errors: 2, warnings: 1, parseErrors: 1, crashes: 0 },
      rules: [
        { ruleId: 'prepguard/no-raw-255', severity: 'error', count: 1, files: 1 },
        { ruleId: 'prepguard/prefer-named-model', severity: 'warning', count: 1, files: 1 },
      ],
    });
    const classify = report.files.find((f: { path: string }) => f.path === 'src/classify.ts');
    expect(classify.findings).toEqual([
      {
        kind: 'finding',
        ruleId: 'prepguard/no-raw-255',
        severity: 'error',
        message: 'Scaling by 255 before a caffe-mode model (model call on line 5).',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 24,
        modelCallLine: 5,
        modelCallFile: null,
      },
    ]);
    // The summary table goes to stderr so that stdout stays valid JSON.
    expect(err).toMatch(/Rule +Severity +Count +Files/);
  });

  it('writes to --output and prints the summary on stdout', async () => {
    const root = await fixtureProject();
    const { code, out } = await audit(root, ['src', '--format', 'json', '-o', 'reports/audit.json']);
    expect(code).toBe(1);
    expect(out).toMatch(/Rule +Severity +Count +Files/);
    const written = JSON.parse(await fs.readFile(path.join(root, 'reports', 'audit.json'), 'utf8'));
    expect(written.totals.errors).toBe(2);
  });
});

describe('prepguard audit: SARIF output', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 with rule help, precision, locations and fingerprints', async () => {
    const root = await fixtureProject();
    const { code, out } = await audit(root, ['src', '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(out);
    expect(validate(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);

    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({ name: 'prepguard', version: '9.9.9', informationUri: expect.stringMatching(/^https:\/\//) });
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(['prepguard/no-boom', 'prepguard/no-raw-255', 'prepguard/prefer-named-model']);
    const raw = rules[1];
    expect(raw).toEqual({
      id: 'prepguard/no-raw-255',
      name: 'no-raw-255',
      shortDescription: { text: 'Disallow raw 255 literals ahead of model calls' },
      fullDescription: { text: 'Disallow raw 255 literals ahead of model calls. Measured on the labelled corpus: precision 0.97, recall 0.90.' },
      helpUri: 'https://example.test/rules/no-raw-255',
      help: { text: 'Disallow raw 255 literals ahead of model calls. See https://example.test/rules/no-raw-255', markdown: DOCS },
      defaultConfiguration: { enabled: true, level: 'error' },
      properties: {
        precision: 'very-high',
        'prepguard/precision': 0.97,
        'prepguard/recall': 0.9,
        tags: ['image-preprocessing', 'correctness', 'problem'],
        'problem.severity': 'error',
      },
    });
    // A rule without docs page or measurement still gets help text, and no made-up precision.
    expect(rules[2].help.markdown).toBe(rules[2].help.text);
    expect(rules[2].properties.precision).toBeUndefined();
    expect(rules[2].defaultConfiguration.level).toBe('warning');

    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${root}/`);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'prepguard/no-raw-255');
    expect(result).toMatchObject({
      ruleIndex: 1,
      level: 'error',
      message: { text: 'Scaling by 255 before a caffe-mode model (model call on line 5).' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/classify.ts', uriBaseId: 'SRCROOT' },
            region: { startLine: 4, startColumn: 21, endLine: 4, endColumn: 24 },
          },
        },
      ],
      relatedLocations: [{ id: 1, physicalLocation: { region: { startLine: 5 } } }],
    });
    expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'prepguard/prefer-named-model').level).toBe('warning');
    // The parse error is a tool notification, not a result about the code.
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'error', descriptor: { id: 'parse-error' }, message: { text: expect.stringContaining('Parsing error') } }),
    ]);
  });

  it('points the related location at the model call, in another file when the message says so', async () => {
    const root = await fixtureProject({ 'src/feature.ts': 'export const f = (x) => x.div(255);\n', 'src/model.ts': 'model.predict(x);\n' });
    const { out } = await audit(root, ['src/feature.ts', '--format', 'sarif']);
    const log = JSON.parse(out);
    expect(validate(log)).toEqual([]);
    expect(log.runs[0].results[0].relatedLocations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/model.ts', uriBaseId: 'SRCROOT' },
      region: { startLine: 1 },
    });
    const json = JSON.parse((await audit(root, ['src/feature.ts', '--format', 'json'])).out);
    expect(json.files[0].findings[0]).toMatchObject({ modelCallLine: 1, modelCallFile: 'src/model.ts' });
    const text = (await audit(root, ['src/feature.ts'])).out;
    expect(text).toContain('model call on line 1 of ./model.ts');
    expect(text).not.toContain('[model call:');
  });

  it('keeps fingerprints stable when unrelated lines move the finding', async () => {
    const root = await fixtureProject();
    const first = JSON.parse((await audit(root, ['src/classify.ts', '--format', 'sarif'])).out).runs[0].results[0];
    const file = path.join(root, 'src', 'classify.ts');
    await fs.writeFile(file, `// licence header\n\n${await fs.readFile(file, 'utf8')}`);
    const second = JSON.parse((await audit(root, ['src/classify.ts', '--format', 'sarif'])).out).runs[0].results[0];
    expect(second.locations[0].physicalLocation.region.startLine).toBe(first.locations[0].physicalLocation.region.startLine + 2);
    expect(second.partialFingerprints).toEqual(first.partialFingerprints);
  });

  it('gives identical lines distinct fingerprints and marks a crashed run as unsuccessful', async () => {
    const root = await fixtureProject({ 'src/twice.js': 'f(255);\nf(255);\n', 'src/boom.js': 'boom;\n' });
    const log = JSON.parse((await audit(root, ['src/twice.js', 'src/boom.js', '--format', 'sarif'])).out);
    expect(validate(log)).toEqual([]);
    const prints = log.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(prints).toHaveLength(2);
    expect(new Set(prints).size).toBe(2);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('maps measured precision onto SARIF precision levels', () => {
    expect([0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.5].map(sarifPrecision)).toEqual([
      'very-high', 'very-high', 'high', 'high', 'medium', 'medium', 'low',
    ]);
  });

  it('fails validation when the log is broken (the validator is not a rubber stamp)', async () => {
    const root = await fixtureProject();
    const log = JSON.parse((await audit(root, ['src', '--format', 'sarif'])).out);
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    expect(validate(log).length).toBeGreaterThanOrEqual(2);
  });
});

describe('prepguard audit: progress', () => {
  it('prints no progress when stderr is not a terminal (CI logs, pipes)', async () => {
    const root = await fixtureProject();
    const { err, out } = await audit(root, ['src']);
    expect(err).toBe('');
    expect(out).not.toContain('files linted\n');
  });

  it('draws and then erases a bar on a terminal', async () => {
    const root = await fixtureProject();
    const { err, out } = await audit(root, ['src'], true);
    expect(err).toMatch(/\r█+ 4\/4 files \(100%\)/);
    expect(err).toContain('\r\u001b[2K');
    expect(out).not.toContain('█');
  });

  it('stays quiet with --no-progress', async () => {
    const root = await fixtureProject();
    const { err } = await audit(root, ['src', '--no-progress']);
    expect(err).toBe('');
  });
});

describe('prepguard audit: ESLint\'s own cache', () => {
  it('--cache lints unchanged files once and gives the same report from the cache; an edited file is linted again', async () => {
    const root = await fixtureProject();
    const plugin = makeLocalPlugin();
    // Count the files each run actually lints, by wrapping the rule's create().
    const rule = plugin.rules['no-raw-255'] as unknown as { create: (context: { filename: string }) => unknown };
    const create = rule.create;
    const linted: string[] = [];
    rule.create = (context) => {
      linted.push(path.basename(context.filename));
      return create(context);
    };
    const run = async () => {
      const io = capture();
      const code = await runAuditCli(['src', '--cache', '--cache-location', path.join(root, 'cache', 'audit'), '--format', 'json'], { stdout: io.stdout, stderr: io.stderr, isTTY: false, cwd: root }, {
        plugin,
        catalogSources: { docsDir: path.join(root, 'docs', 'rules'), metricsFile: path.join(root, 'metrics.json') },
      });
      const report = JSON.parse(io.out());
      return { code, files: report.files.map((f: { path: string; findings: unknown[] }) => [f.path, f.findings]) };
    };
    const first = await run();
    expect(first.code).toBe(1);
    expect(linted.sort()).toEqual(['classify.ts', 'clean.js', 'warn.mjs']); // broken.ts does not parse
    linted.length = 0;
    const second = await run();
    expect(linted).toEqual([]);
    expect(second).toEqual(first);
    await fs.appendFile(path.join(root, 'src', 'clean.js'), 'export const twice = (v) => v * 2;\n');
    await run();
    expect(linted).toEqual(['clean.js']);
  });

  it('rejects a bad --concurrency value as a usage error', async () => {
    const root = await fixtureProject();
    const { code, err } = await audit(root, ['src', '--concurrency', 'lots']);
    expect(code).toBe(2);
    expect(err).toContain('Invalid value for --concurrency: "lots"');
  });
});
