import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index.js';
import { PrepguardSettingsError } from '../src/engine/settings.js';

const packageJson = JSON.parse(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8'),
) as { name: string; version: string };

describe('plugin object', () => {
  it('has meta with name, version and namespace', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: '@prepguard' });
  });

  it('exposes the five rules with docs, default options and typed messages', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(
      ['bgr-channel-order', 'keras-compatible-resize', 'no-double-preprocessing', 'no-naive-scaling', 'preprocess-mode-mismatch'].sort(),
    );
    for (const rule of Object.values(plugin.rules)) {
      expect(rule.meta.docs?.description).toBeTruthy();
      expect(rule.meta.defaultOptions).toBeDefined();
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    }
  });

  it('has named flat configs: recommended, strict, all', () => {
    expect(plugin.configs.recommended.name).toBe('@prepguard/recommended');
    expect(plugin.configs.strict.name).toBe('@prepguard/strict');
    expect(plugin.configs.all.name).toBe('@prepguard/all');
    expect(plugin.configs.recommended.rules).toEqual({
      '@prepguard/no-naive-scaling': 'error',
      '@prepguard/preprocess-mode-mismatch': 'error',
      '@prepguard/bgr-channel-order': 'error',
      '@prepguard/no-double-preprocessing': 'error',
      '@prepguard/keras-compatible-resize': 'warn',
    });
    expect(plugin.configs.all.plugins?.['@prepguard']).toBe(plugin);
  });

  it('gives a rule the same severity in every preset; strict and all only add rules', () => {
    const { recommended, strict, all } = plugin.configs;
    for (const preset of [strict, all]) {
      expect(Object.keys(preset.rules ?? {}).sort()).toEqual(Object.keys(plugin.rules).map((r) => `@prepguard/${r}`).sort());
      for (const [rule, severity] of Object.entries(recommended.rules ?? {})) expect([rule, preset.rules?.[rule]]).toEqual([rule, severity]);
    }
  });

  it('lints every JS/TS extension with the TypeScript parser, without a config of its own', () => {
    for (const preset of Object.values(plugin.configs)) {
      expect(preset.files).toEqual(['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'].map((e) => `**/*.${e}`));
      expect((preset.languageOptions?.parser as typeof tsParser).parseForESLint).toBe(tsParser.parseForESLint);
    }
    const linter = new Linter({ configType: 'flat' });
    const code = "import * as tf from '@tensorflow/tfjs';\nconst vgg16: tf.LayersModel = await tf.loadLayersModel('/m/vgg16/model.json');\nvgg16.predict(tf.browser.fromPixels(img as ImageData).div(255));\n";
    for (const filename of ['a.ts', 'a.mts', 'a.cts', 'a.tsx']) {
      const messages = linter.verify(code, [plugin.configs.recommended as Linter.Config], { filename });
      expect([filename, messages.map((m) => m.ruleId ?? m.message)]).toEqual([filename, ['@prepguard/no-naive-scaling']]);
    }
  });

  it('works as a flat config with ESLint on JS files, and on TS files under a config that sets the parser again', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = "import * as tf from '@tensorflow/tfjs';\nconst vgg16 = await tf.loadLayersModel('/m/vgg16/model.json');\nvgg16.predict(tf.browser.fromPixels(img).div(255));\n";
    const js = linter.verify(code, [plugin.configs.recommended as Linter.Config], { filename: 'a.js' });
    expect(js.map((m) => m.ruleId)).toEqual(['@prepguard/no-naive-scaling']);
    const ts = linter.verify(code, [{ ...(plugin.configs.recommended as Linter.Config), files: ['**/*.ts'], languageOptions: { parser: tsParser, sourceType: 'module' } }], {
      filename: 'a.ts',
    });
    expect(ts.map((m) => m.ruleId)).toEqual(['@prepguard/no-naive-scaling']);
  });

  it('rejects invalid settings with a clear error', () => {
    const linter = new Linter({ configType: 'flat' });
    const run = (models: unknown) =>
      linter.verify("vgg.predict(x.div(255));", [
        { ...(plugin.configs.recommended as Linter.Config), settings: { prepguard: { models } } },
      ], { filename: 'a.js' });
    expect(() => run([{ pattern: '(', mode: 'caffe' }])).toThrow(/models\[0\]\.pattern is not a valid regular expression/);
    expect(() => run([{ pattern: 'x', mode: 'bgr' }])).toThrow(/models\[0\]\.mode must be one of caffe, tf, torch, raw, unit/);
    expect(() => run('vgg')).toThrow(/Invalid settings.prepguard: "models" must be an array/);
    expect(new PrepguardSettingsError('x').name).toBe('PrepguardSettingsError');
  });
});
