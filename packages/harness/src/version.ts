import { readFileSync } from 'node:fs';

/** This package's version, read from its package.json (dist/ and src/ both sit one level below it). */
export const HARNESS_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
