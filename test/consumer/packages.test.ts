/**
 * What `npm pack` puts in each package (`npm pack --dry-run --json`, the published file list):
 * the built code and its types for every export, the CLI, the docs the audit reads, and nothing
 * of the repository's tests, corpus or build bookkeeping.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGES, REPO_ROOT, shOk } from './consumer-project.js';

interface Manifest {
  name: string;
  bin?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
}

const packages = PACKAGES.map((p) => ({
  dir: p,
  manifest: JSON.parse(readFileSync(join(REPO_ROOT, 'packages', p, 'package.json'), 'utf8')) as Manifest,
}));

let fileLists: Map<string, string[]>;

beforeAll(async () => {
  const workspaces = PACKAGES.map((p) => `-w packages/${p}`).join(' ');
  // --ignore-scripts: the file list of the current build (`npm test` builds first); the consumer test
  // runs the real `npm pack`, prepack included, and two concurrent builds of one package could collide.
  const { stdout } = await shOk(`npm pack --dry-run --ignore-scripts --json ${workspaces}`, REPO_ROOT);
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; files: { path: string }[] }[];
  fileLists = new Map(packed.map((p) => [p.name, p.files.map((f) => f.path)]));
}, 120_000);

describe.each(packages)('$manifest.name', ({ dir, manifest }) => {
  const files = () => fileLists.get(manifest.name) ?? [];

  test('ships every export target, with types for the code', () => {
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of targets) expect(files()).toContain(target.replace(/^\.\//, ''));
    for (const target of Object.values(manifest.exports)) {
      if (typeof target === 'object') expect(target.types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
    }
    for (const bin of Object.values(manifest.bin ?? {})) expect(files()).toContain(bin.replace(/^\.\//, ''));
  });

  test('ships no tests, corpus, fixtures or build bookkeeping', () => {
    const junk = files().filter((f) => /^(test|tests|scripts|fixtures)\//.test(f) || /\.test\.|\.tsbuildinfo$|(^|\/)tsconfig.*\.json$|jest\.config/.test(f) || (f.startsWith('corpus/') && f !== 'corpus/metrics.json'));
    expect(junk).toEqual([]);
  });

  test('has a README and a license field, and builds before packing', () => {
    expect(files()).toContain('README.md');
    const full = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8')) as { license?: string; scripts?: Record<string, string>; engines?: Record<string, string> };
    expect(full.license).toBe('Apache-2.0');
    expect(full.scripts?.prepack).toBe('tsc -b');
    expect(full.engines?.node).toBe('>=20.19');
  });
});
