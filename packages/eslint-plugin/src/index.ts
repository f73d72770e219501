// @prepguard/eslint-plugin: lint rules that check image preprocessing against the model it feeds.
import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { createConfigs, type ConfigName } from './configs.js';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version, namespace: '@prepguard' },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};
// Configs reference the plugin object itself, as flat configs require.
Object.assign(plugin.configs, createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin));

export type { ConfigName, RuleName } from './configs.js';
export type { PrepguardRuleDocs } from './util/create-rule.js';
export { PrepguardSettingsError } from './engine/settings.js';
export default plugin;
// `require('@prepguard/eslint-plugin')` (Node's require(esm), eslint-doc-generator) gets the plugin itself.
export { plugin as 'module.exports' };
