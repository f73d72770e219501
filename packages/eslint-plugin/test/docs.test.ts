// Every rule's documentation is checked: its ❌ examples must be reported by the rule, its ✅ examples must not.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../src/index.js';

const DOCS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  line: number;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  let kind: Example['kind'] | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^#{1,6} /.test(line)) kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
    const fence = /^```(ts|js|typescript|javascript)\s*$/.exec(line);
    if (fence && kind) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end] !== '```') end++;
      found.push({ kind, code: lines.slice(start, end).join('\n'), line: start + 1 });
      i = end;
    }
  }
  return found;
}

const linter = new Linter({ configType: 'flat' });

describe.each(Object.keys(plugin.rules))('docs/rules/%s.md', (ruleName) => {
  const file = path.join(DOCS, `${ruleName}.md`);
  const markdown = readFileSync(file, 'utf8');
  const rule = plugin.rules[ruleName as keyof typeof plugin.rules];

  it('has an eslint-doc-generator header and the rule URL points at it', () => {
    expect(markdown.split('\n')[0]).toContain(`(\`${ruleName}\`)`);
    expect(markdown).toContain('<!-- end auto-generated rule header -->');
    expect(rule.meta.docs?.url).toBe(`https://github.com/prepguard/prepguard/blob/main/packages/eslint-plugin/docs/rules/${ruleName}.md`);
    expect(markdown).toContain(rule.meta.docs?.description);
  });

  const blocks = examples(markdown);
  it('has both kinds of examples', () => {
    expect(blocks.some((b) => b.kind === 'incorrect')).toBe(true);
    expect(blocks.some((b) => b.kind === 'correct')).toBe(true);
  });

  it.each(blocks.map((b) => [`${b.kind} example at line ${b.line}`, b] as const))('%s', (_title, block) => {
    const messages = linter.verify(
      block.code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
          plugins: { '@prepguard': plugin as never },
          rules: { [`@prepguard/${ruleName}`]: 'error' },
        },
      ],
      { filename: path.join(DOCS, 'example.ts') },
    );
    const fatal = messages.filter((m) => m.fatal);
    expect(fatal).toEqual([]);
    const own = messages.filter((m) => m.ruleId === `@prepguard/${ruleName}`);
    if (block.kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
    else expect(own).toEqual([]);
  });
});
