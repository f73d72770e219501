/**
 * Whether `@tensorflow/tfjs-node` can be loaded, decided in a child process.
 *
 * The package is a native addon linked against libtensorflow. A corrupt or mismatched library
 * (truncated file, missing C API symbol, wrong architecture) makes the addon throw on load, or
 * crash the process outright, which no try/catch survives. So the addon is first loaded, and one
 * small convolution run, in a child Node process; only when that child succeeds does the harness
 * load it in-process. The verdict is cached on disk, keyed by the addon's and the libraries' files
 * (path, size, mtime), so a run pays for the probe once (about a second), not once per test file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { HarnessError } from './errors.js';

/** tfjs-node is installed, but its addon or libtensorflow cannot be loaded or computes wrongly. */
export class NativeBackendError extends HarnessError {
  /** The tfjs-node package directory that was probed. */
  readonly packageDir: string;
  /** What went wrong, in the loader's words (e.g. "libtensorflow.so.2: invalid ELF header"). */
  readonly reason: string;
  constructor(packageDir: string, reason: string) {
    super('native-backend', `@tensorflow/tfjs-node at ${packageDir} cannot be used: ${reason}`);
    this.packageDir = packageDir;
    this.reason = reason;
  }
}

export type ProbeVerdict = { ok: true; version: string } | { ok: false; reason: string };

/** The directory of the installed tfjs-node package, or undefined when it is not installed (an optional peer). */
export function findTfjsNode(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-node/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * Loads the package in a child process and checks a 3×3 convolution (the op VGG-style models
 * are made of) against its hand-computed result. Prints the tfjs-node version on success.
 */
const CHILD = `
const tf = require(process.argv[1]);
const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
const y = tf.conv2d(x, tf.ones([3, 3, 1, 1]), 1, 'same').dataSync();
const expected = [12, 21, 16, 27, 45, 33, 24, 39, 28];
if (tf.getBackend() !== 'tensorflow') throw new Error('backend is ' + tf.getBackend() + ', not tensorflow');
if (expected.some((v, i) => y[i] !== v)) throw new Error('conv2d computed ' + Array.from(y) + ', expected ' + expected);
process.stdout.write(tf.version['tfjs-node']);
`;

const PROBE_TIMEOUT_MS = 120_000;

export function probeTfjsNode(packageDir: string): ProbeVerdict {
  const child = spawnSync(process.execPath, ['-e', CHILD, packageDir], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  if (child.error) return { ok: false, reason: `the probe process failed to run: ${child.error.message}` };
  if (child.status === 0) return { ok: true, version: child.stdout.trim() };
  if (child.signal) return { ok: false, reason: `loading it killed the process (${child.signal})` };
  return { ok: false, reason: firstErrorLine(child.stderr) ?? `the probe process exited with ${child.status}` };
}

/** The loader's message, e.g. "Error: libtensorflow_cc.so.2: file too short", without the stack. */
function firstErrorLine(stderr: string): string | undefined {
  const line = stderr.split('\n').find((l) => /^\w*Error\b/.test(l.trim()));
  return line?.trim().replace(/^Error: /, '');
}

const verdicts = new Map<string, ProbeVerdict>();

/** probeTfjsNode, once per installed build: memoised in-process and cached on disk. */
export function tfjsNodeVerdict(packageDir: string): ProbeVerdict {
  const key = buildKey(packageDir);
  const known = verdicts.get(key);
  if (known) return known;
  const file = join(cacheRoot(), 'backend-probe', `${key}.json`);
  let verdict: ProbeVerdict | undefined;
  try {
    verdict = JSON.parse(readFileSync(file, 'utf8')) as ProbeVerdict;
  } catch {
    verdict = probeTfjsNode(packageDir);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(verdict) + '\n');
    } catch {
      // A read-only cache only costs a probe per process.
    }
  }
  verdicts.set(key, verdict);
  return verdict;
}

function cacheRoot(): string {
  return process.env.PREPGUARD_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'prepguard');
}

/**
 * Identifies one build of the addon: the resolved path, size and mtime of every file under the
 * package's lib/ (the addon) and deps/lib/ (libtensorflow), plus the Node version. Replacing any of
 * them, or re-linking to another cache, gives a new key and a new probe.
 */
function buildKey(packageDir: string): string {
  const hash = createHash('sha256').update(`${process.version}\n${realpathOr(packageDir)}\n`);
  for (const sub of ['lib', 'deps/lib']) {
    for (const file of listFiles(join(packageDir, sub))) {
      try {
        const st = statSync(file);
        hash.update(`${file} ${realpathOr(file)} ${st.size} ${st.mtimeMs}\n`);
      } catch {
        hash.update(`${file} dangling\n`);
      }
    }
  }
  return hash.digest('hex').slice(0, 24);
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => {
      const path = join(dir, e.name);
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = statSync(path).isDirectory();
        } catch {
          isDir = false;
        }
      }
      return isDir ? listFiles(path) : [path];
    })
    .sort();
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
