// Shared RuleTester setup: TS files through @typescript-eslint/parser (no type information), JS through espree.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const ruleTester = new RuleTester();

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** A file inside the fixture project, so relative imports resolve to real helper files. */
export const PROJECT_FILE = path.join(FIXTURES, 'project', 'main.ts');

export const TF = "import * as tf from '@tensorflow/tfjs';\n";
export const TF_NODE = "import * as tf from '@tensorflow/tfjs-node';\n";
export const PREP = "import { preprocessInput } from '@prepguard/preprocess';\n";

/** Run a case through espree (plain JS, no TypeScript parser). */
export function js<T extends object>(testCase: T & { code: string }): T & { code: string; filename: string; languageOptions: object } {
  return {
    ...testCase,
    filename: path.join(FIXTURES, 'project', 'main.js'),
    languageOptions: { parser: espree, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  };
}

/** Expected suggestion output: `from` replaced by `to`, plus the preprocessInput import after the last import. */
export function withPreprocessInput(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`test setup: ${from} not in code`);
  const replaced = code.replace(from, to);
  if (/import \{[^}]*preprocessInput[^}]*\} from '@prepguard\/preprocess'/.test(replaced)) return replaced;
  const lines = replaced.split('\n');
  let lastImport = -1;
  lines.forEach((line, i) => {
    if (/^import .*;$/.test(line)) lastImport = i;
  });
  lines.splice(lastImport + 1, 0, "import { preprocessInput } from '@prepguard/preprocess';");
  return lines.join('\n');
}
