/**
 * The code blocks of a README that are marked for testing: a line `<!-- snippet: NAME -->` right
 * before a fenced block. The consumer test runs them as written, so editing a snippet in a README
 * changes what is tested, and a snippet that stops working fails the test.
 */
import { readFileSync } from 'node:fs';

export interface Snippet {
  name: string;
  /** The fence's language tag (`js`, `ts`, `sh`, …). */
  lang: string;
  code: string;
  /** The file the snippet names in its first line (`// eslint.config.js`), if any. */
  file: string | undefined;
}

// The marker and the fence share an indentation (a snippet may sit in a list item), which is removed.
const MARKED_BLOCK = /^( *)<!-- snippet: ([\w-]+) -->\n\1```(\w*)\n([\s\S]*?)\n\1```/gm;

export function readmeSnippets(readme: string): Map<string, Snippet> {
  const snippets = new Map<string, Snippet>();
  for (const [, indent, name, lang, indented] of readFileSync(readme, 'utf8').matchAll(MARKED_BLOCK)) {
    const code = indented!.split('\n').map((line) => line.slice(indent!.length)).join('\n');
    if (snippets.has(name!)) throw new Error(`${readme}: snippet "${name}" is marked twice`);
    const file = /^\/\/ ([\w./-]+\.[cm]?[jt]s)\s*$/.exec(code.split('\n')[0]!)?.[1];
    snippets.set(name!, { name: name!, lang: lang!, code: `${code}\n`, file });
  }
  return snippets;
}

/** The named snippet; a missing one is an error naming the README. */
export function snippet(snippets: Map<string, Snippet>, name: string, readme = 'README'): Snippet {
  const found = snippets.get(name);
  if (!found) throw new Error(`${readme} has no snippet marked <!-- snippet: ${name} -->`);
  return found;
}

/** The commands of a shell snippet, one per entry, with `\` line continuations joined. */
export function shellCommands(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
