// The jest preset's transform (src/jest/transform.cts), from the build as jest loads it. The consumer
// test (test/consumer/) runs it for real in a project installed from the packed tarballs.
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

const require = createRequire(import.meta.url);
const transform = require('../dist/jest/transform.cjs') as {
  process(source: string, filename: string, options?: { supportsStaticESM?: boolean }): { code: string; map: string };
  getCacheKey(source: string, filename: string, options?: { supportsStaticESM?: boolean }): string;
};
const preset = require('../dist/jest/preset.cjs') as { transform: Record<string, string>; transformIgnorePatterns: string[] };

const SOURCE = `import { dirname } from 'node:path';
export const where: string = import.meta.url;
export const folder: string = dirname('/a/b');
export async function load(spec: string): Promise<unknown> { return import(spec); }
`;

test('under plain jest, TypeScript ES modules become CommonJS: import() is require(), import.meta.url is the file URL', async () => {
  const { code, map } = transform.process(SOURCE, '/project/src/pipeline.ts');
  const module = { exports: {} as Record<string, unknown> };
  const required: string[] = [];
  const fakeRequire = (id: string) => {
    required.push(id);
    return id.startsWith('node:') ? require(id) : { id };
  };
  runInNewContext(code, { module, exports: module.exports, require: fakeRequire, __filename: '/project/src/pipeline.ts' });
  expect(module.exports).toMatchObject({ where: 'file:///project/src/pipeline.ts', folder: '/a' });
  await expect((module.exports.load as (s: string) => Promise<unknown>)('./other.js')).resolves.toMatchObject({ id: './other.js' });
  expect(required).toEqual(expect.arrayContaining(['node:path', './other.js']));
  expect(JSON.parse(map).sources).toEqual(['/project/src/pipeline.ts']);
});

test('under --experimental-vm-modules, ES modules stay ES modules with only the types removed', () => {
  const { code } = transform.process(SOURCE, '/project/src/pipeline.ts', { supportsStaticESM: true });
  expect(code).toContain('import.meta.url');
  expect(code).toMatch(/^import \{ dirname \} from "node:path";/m);
  expect(code).not.toContain(': string');
  expect(transform.getCacheKey(SOURCE, 'a.ts', { supportsStaticESM: true })).not.toBe(transform.getCacheKey(SOURCE, 'a.ts'));
});

test('the preset sends every JS/TS flavour through the transform and lets the prepguard packages be transformed', () => {
  const [pattern, transformer] = Object.entries(preset.transform)[0]!;
  for (const file of ['a.js', 'a.mjs', 'a.cjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx']) expect(new RegExp(pattern).test(file)).toBe(true);
  expect(transformer).toBe(require.resolve('../dist/jest/transform.cjs'));
  const ignored = (path: string) => preset.transformIgnorePatterns.some((p) => new RegExp(p).test(path));
  expect(ignored('/p/node_modules/@prepguard/harness/dist/index.js')).toBe(false);
  expect(ignored('/p/node_modules/@tensorflow/tfjs/dist/index.js')).toBe(true);
});
