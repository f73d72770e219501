// Shared fixtures for the audit tests: a throw-away project on disk, a small local plugin with
// the same shape as prepguard's, output capture, and the official SARIF 2.1.0 schema.
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Ajv from 'ajv';
import type { Rule } from 'eslint';
import type { AuditablePlugin } from '../src/audit/index.js';

export async function makeProject(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'prepguard-audit-'));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, name);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
  }
  return root;
}

export interface Captured {
  stdout: Writable;
  stderr: Writable;
  out(): string;
  err(): string;
}

export function capture(): Captured {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]): Writable =>
    new Writable({
      write(chunk, _encoding, done) {
        into.push(String(chunk));
        done();
      },
    });
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}

/**
 * A stand-in rule set of prepguard's shape: `no-raw-255` reports the literal 255 and names the
 * line of the next `predict(` call like prepguard's messages do; `no-boom` crashes on `boom`;
 * `prefer-named-model` is a warning-level rule.
 */
function modelCallLine(context: Rule.RuleContext): number | null {
  const lines = context.sourceCode.lines;
  const index = lines.findIndex((line) => line.includes('.predict('));
  return index < 0 ? null : index + 1;
}

const noRaw255: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow raw 255 literals ahead of model calls', url: 'https://example.test/rules/no-raw-255' },
    messages: { raw: 'Scaling by 255 before a caffe-mode model{{where}}.{{models}}' },
    schema: [],
  },
  create(context) {
    const settings = (context.settings as { prepguard?: { models?: unknown[] } }).prepguard;
    return {
      Literal(node) {
        if (node.value !== 255) return;
        const line = modelCallLine(context);
        context.report({
          node,
          messageId: 'raw',
          data: {
            // feature.ts stands for a helper whose model call lives in model.ts next to it.
            where: context.filename.endsWith('feature.ts')
              ? ' (model call on line 1 of ./model.ts)'
              : line === null
                ? ''
                : ` (model call on line ${line})`,
            models: settings?.models ? ` (${settings.models.length} model pattern(s) configured)` : '',
          },
        });
      },
    };
  },
};

const noBoom: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Crashes on purpose', url: 'https://example.test/rules/no-boom' }, schema: [] },
  create() {
    return {
      Identifier(node) {
        if (node.name === 'boom') throw new Error('rule exploded');
        if (node.name === 'badSettings') {
          const error = new Error('Invalid settings.prepguard: models[0].mode must be one of caffe, tf, torch, raw, unit');
          error.name = 'PrepguardSettingsError';
          throw error;
        }
      },
    };
  },
};

const preferNamedModel: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Prefer naming the model variable', url: 'https://example.test/rules/prefer-named-model' },
    messages: { anon: 'Name the model variable.' },
    schema: [],
  },
  create(context) {
    return {
      Identifier(node) {
        if (node.name === 'm') context.report({ node, messageId: 'anon' });
      },
    };
  },
};

export function makeLocalPlugin(): AuditablePlugin {
  const plugin = {
    meta: { name: '@prepguard/eslint-plugin', version: '9.9.9', namespace: 'prepguard' },
    rules: { 'no-raw-255': noRaw255, 'no-boom': noBoom, 'prefer-named-model': preferNamedModel },
    configs: {} as AuditablePlugin['configs'],
  };
  const rules = { 'prepguard/no-raw-255': 'error', 'prepguard/no-boom': 'error', 'prepguard/prefer-named-model': 'warn' } as const;
  plugin.configs.all = { name: 'prepguard/all', plugins: { prepguard: plugin }, rules };
  plugin.configs.recommended = { name: 'prepguard/recommended', plugins: { prepguard: plugin }, rules: { 'prepguard/no-raw-255': 'error' } };
  plugin.configs.strict = plugin.configs.all;
  return plugin as AuditablePlugin;
}

const require = createRequire(import.meta.url);

/** Validates against the OASIS SARIF 2.1.0 schema (rtm.5, the final one) shipped by @microsoft/jest-sarif. */
export function sarifValidator(): (log: unknown) => string[] {
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif')), 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = require(schemaFile) as object;
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
  const validate = ajv.compile(schema);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
}
