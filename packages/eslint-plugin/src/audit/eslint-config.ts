/**
 * The ESLint configuration the audit runs with, so users need no eslint.config.* of their own:
 * one parser for every JS/TS flavour, the chosen prepguard preset, and the user's settings.
 */
import type { ESLint, Linter } from 'eslint';
import { loadOwnPlugin, presetConfigs } from './plugin-shape.js';
import * as tsParser from '@typescript-eslint/parser';
import { SOURCE_EXTENSIONS } from './collect-files.js';
import type { PrepguardSettings } from './settings.js';

export const AUDITED_FILES = SOURCE_EXTENSIONS.map((extension) => `**/*${extension}`);

/**
 * Globals of CommonJS and browser code. Declared so that `require('@tensorflow/tfjs')` and a
 * script-tag `tf` resolve as globals, which is what reference tracking keys on.
 */
const AUDIT_GLOBALS: Linter.Globals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
  process: 'readonly',
  Buffer: 'readonly',
  globalThis: 'readonly',
  window: 'readonly',
  self: 'readonly',
  document: 'readonly',
  tf: 'readonly',
};

export function auditEslintConfig(preset: Linter.Config[], settings: PrepguardSettings | null): Linter.Config[] {
  const config: Linter.Config[] = [
    // Which files to lint was decided by collectFiles (which skips node_modules by default);
    // lift ESLint's own node_modules ignore so `--no-default-ignores` really lints them.
    { name: 'prepguard-audit/unignore', ignores: ['!**/node_modules/'] },
    {
      name: 'prepguard-audit/language',
      files: AUDITED_FILES,
      languageOptions: {
        // @typescript-eslint/parser reads plain JS and JSX too; one parser keeps results uniform.
        parser: tsParser as unknown as Linter.Parser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
        globals: AUDIT_GLOBALS,
      },
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
    },
    { name: 'prepguard-audit/commonjs', files: ['**/*.cjs', '**/*.cts'], languageOptions: { sourceType: 'commonjs' } },
    // The preset's own `files` (if any) are replaced so that every audited extension gets the rules.
    ...preset.map((entry) => ({ ...entry, files: AUDITED_FILES })),
  ];
  if (settings !== null) {
    config.push({ name: 'prepguard-audit/settings', files: AUDITED_FILES, settings: { prepguard: settings } });
  }
  return config;
}

/** Everything the ESLint instance of an audit is made from, as JSON (it crosses into worker threads). */
export interface AuditEslintParams {
  cwd: string;
  preset: string;
  settings: PrepguardSettings | null;
  cache: boolean;
  cacheLocation: string | null;
  concurrency: number | 'auto' | 'off';
}

/**
 * ESLint options for prepguard's own plugin. ESLint's `--concurrency` workers cannot receive the
 * plugin objects, so they import eslint-options-module.js, which calls this from the same params.
 */
export async function ownAuditEslintOptions(params: AuditEslintParams): Promise<ESLint.Options> {
  const plugin = await loadOwnPlugin();
  return {
    cwd: params.cwd,
    overrideConfigFile: true,
    overrideConfig: auditEslintConfig(presetConfigs(plugin, params.preset), params.settings),
    cache: params.cache,
    ...(params.cacheLocation === null ? {} : { cacheLocation: params.cacheLocation }),
    // The rules read only the file's text, so a content hash is the right cache key (mtime changes on checkout).
    cacheStrategy: 'content',
    concurrency: params.concurrency,
  };
}
