/**
 * A golden set split with jest's own `--shard`: jest shards by test file, so the set is split into
 * image groups (goldenGroup), one test file each (fixtures/golden-shards/). Two child jest runs,
 * `--shard=1/2` and `--shard=2/2`, must together check every golden image exactly once.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { goldenGroup } from '../src/jest/golden-groups.js';
import { makeWorkspace, type Workspace } from './helpers/workspace.js';

const SUITE_DIR = fileURLToPath(new URL('./fixtures/golden-shards/', import.meta.url));
const JEST = fileURLToPath(new URL('../../../node_modules/jest/bin/jest.js', import.meta.url));

interface JestJson {
  testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string }> }>;
}

let ws: Workspace;
beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)))) throw new Error('run `npm run build` first');
  ws = await makeWorkspace();
});

async function runShard(shard: string): Promise<JestJson['testResults']> {
  const outputFile = join(ws.root, `shard-${shard.replace('/', '-of-')}.json`);
  const configFile = join(ws.root, 'jest.config.json');
  writeFileSync(configFile, JSON.stringify({ rootDir: SUITE_DIR, testMatch: ['**/*.spec.mjs'], transform: {}, testEnvironment: 'node' }));
  const env: Record<string, string | undefined> = { ...process.env, CI: 'true', GOLDEN_MODEL: ws.modelPath, GOLDEN_REFERENCE: ws.referencePath };
  delete env.JEST_WORKER_ID;
  await promisify(execFile)(process.execPath, ['--experimental-vm-modules', JEST, '--config', configFile, '--runInBand', `--shard=${shard}`, '--json', '--outputFile', outputFile], { env, cwd: ws.root });
  return (JSON.parse(readFileSync(outputFile, 'utf8')) as JestJson).testResults;
}

test('goldenGroup partitions the reference images into groups that differ in size by at most one', () => {
  const groups = [1, 2, 3, 4].map((g) => goldenGroup(ws.referencePath, g, 4));
  expect(groups.flat().sort()).toEqual([...ws.golden.files].sort());
  expect(Math.max(...groups.map((g) => g.length)) - Math.min(...groups.map((g) => g.length))).toBeLessThanOrEqual(1);
  expect(() => goldenGroup(ws.referencePath, 3, 2)).toThrow(RangeError);
});

test('jest --shard=1/2 and --shard=2/2 each run one group file and together check every image exactly once', async () => {
  const shards = [await runShard('1/2'), await runShard('2/2')];
  for (const files of shards) expect(files).toHaveLength(1);
  const titles = shards.flatMap((files) => files.flatMap((f) => f.assertionResults.map((a) => a.title)));
  expect([...titles].sort()).toEqual([...ws.golden.files].sort());
  expect(new Set(titles).size).toBe(titles.length);
  expect(shards.flatMap((files) => files.flatMap((f) => f.assertionResults.map((a) => a.status)))).toEqual(ws.golden.files.map(() => 'passed'));
}, 180_000);
