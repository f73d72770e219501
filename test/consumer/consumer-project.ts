/**
 * A throwaway project outside the repository that uses prepguard the way another repository would:
 * the three packages packed with `npm pack` (which builds them) and installed from the tarballs,
 * next to ESLint, jest and typescript-eslint from the registry. Nothing is linked to the workspace.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PACKAGES = ['preprocess', 'eslint-plugin', 'harness'] as const;

/** Third-party tools the consumer installs, at the versions the repository tests with (npm's cache then has them). */
const TOOLS = ['eslint', 'jest', 'typescript-eslint'];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell: without what the repository's own `npm test` and jest run set
 * (`npm_config_local_prefix` would even point npm at this repository), so the consumer's npm, jest
 * and CLI start as they would for the user. npm's other settings (registry, cache, CA) are kept.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const runOnly = /^(JEST_|NODE_OPTIONS$|NODE_ENV$|INIT_CWD$|npm_config_(local_)?prefix$)/.test(key) || (key.startsWith('npm_') && !key.startsWith('npm_config_'));
    if (!runOnly) env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1' };
}

/** Runs a command line with `sh`, resolving with its exit code and output (it never rejects on a non-zero exit). */
export function sh(command: string, cwd: string, timeoutMs = 180_000): Promise<RunResult> {
  return new Promise((done, fail) => {
    execFile('sh', ['-c', command], { cwd, env: userEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code !== 'number') fail(new Error(`${command} in ${cwd} did not exit normally: ${(error as Error).message}\n${stderr}`));
      else done({ code, stdout, stderr });
    });
  });
}

/** Like `sh`, but a non-zero exit is an error carrying the output. */
export async function shOk(command: string, cwd: string, timeoutMs?: number): Promise<RunResult> {
  const result = await sh(command, cwd, timeoutMs);
  if (result.code !== 0) throw new Error(`\`${command}\` exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

export interface PackedPackage {
  name: string;
  tarball: string;
}

/** `npm pack` of the three workspaces (their `prepack` builds them) into `dir`. */
export async function packWorkspaces(dir: string): Promise<PackedPackage[]> {
  const workspaces = PACKAGES.map((p) => `-w packages/${p}`).join(' ');
  const { stdout } = await shOk(`npm pack ${workspaces} --pack-destination "${dir}" --json`, REPO_ROOT);
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; filename: string }[];
  return packed.map((p) => ({ name: p.name, tarball: join(dir, p.filename) }));
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A new, empty ES module project in the OS temp directory. */
export function createConsumerProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prepguard-consumer-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'prepguard-consumer', private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}

/**
 * Installs the tarballs and the tools into the project. `--prefer-offline` takes what npm's cache
 * already holds (the repository's own install filled it) and asks the registry for the rest.
 */
export async function installPackages(project: string, tarballs: string[]): Promise<void> {
  const specs = [...tarballs.map((t) => `"${t}"`), ...TOOLS.map((t) => `${t}@${installedVersion(t)}`)].join(' ');
  await shOk(`npm install --prefer-offline --no-audit --no-fund --loglevel=error ${specs}`, project, 300_000);
}

/** Writes a file of the project, creating its directory. */
export function writeProjectFile(project: string, file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), content);
}
