#!/usr/bin/env node
// Brings back the third-party files of corpus/real, which are not committed: each folder's SOURCE.json
// pins the repository, the commit, the paths and every file's SHA-256, so the files come back
// byte-for-byte as they were labelled.
//
//   node scripts/fetch-real-corpus.mjs                  # next to each SOURCE.json (git-ignored)
//   node scripts/fetch-real-corpus.mjs --corpus real-python   # the Python corpus (default: real)
//   node scripts/fetch-real-corpus.mjs --out DIR        # a complete corpus tree (SOURCE.json + files) in DIR
//   node scripts/fetch-real-corpus.mjs --clones DIR     # also read local git clones DIR/<owner>__<name>
//   node scripts/fetch-real-corpus.mjs --pin            # record the SHA-256 of the files present (maintainers)
//   node scripts/fetch-real-corpus.mjs --offline        # never download; exit 1 if a file is missing
//
// Where a file comes from, first found wins: already in place with the pinned hash; the content-addressed
// cache ~/.cache/prepguard/real-corpus/files/<sha256>; a local clone; GitHub at the pinned commit.
// Whatever arrives is checked against the pinned hash before it is used or cached.
// Dependency-free on purpose, like check-real-corpus.mjs. Exit code 1 when a file cannot be had.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = join(process.env.PREPGUARD_CACHE ?? join(homedir(), '.cache', 'prepguard'), 'real-corpus', 'files');

function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const REAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', option('--corpus') ?? 'real');

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function readSources() {
  return readdirSync(REAL_DIR)
    .filter((entry) => existsSync(join(REAL_DIR, entry, 'SOURCE.json')))
    .sort()
    .map((folder) => ({ folder, source: JSON.parse(readFileSync(join(REAL_DIR, folder, 'SOURCE.json'), 'utf8')) }));
}

/** Every file a folder needs (its listed files and its licence file), with the pinned hash when known. */
function neededFiles(source) {
  const files = new Map(source.files.map((file) => [file.path, file.sha256]));
  if (!files.has(source.licenceFile)) files.set(source.licenceFile, source.licenceSha256);
  return [...files].map(([path, hash]) => ({ path, hash }));
}

function readIfFile(path) {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path) : null;
}

async function download(source, path) {
  if (!source.commit) throw new Error('no commit recorded, cannot pin it');
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const url = `https://raw.githubusercontent.com/${source.repo}/${source.commit}/${encoded}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

function fromClone(clonesDir, source, path) {
  const [owner, name] = source.repo.split('/');
  try {
    return execFileSync('git', ['-C', join(clonesDir, `${owner}__${name}`), 'cat-file', 'blob', `${source.commit}:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

function cache(bytes, hash) {
  const target = join(CACHE, hash);
  if (existsSync(target)) return;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(`${target}.tmp`, bytes);
  renameSync(`${target}.tmp`, target);
}

/** The file's bytes from the first place that has them with the pinned hash. */
async function obtain(source, { path, hash }, destination, { clonesDir, offline }) {
  const inPlace = readIfFile(destination);
  if (inPlace && (!hash || sha256(inPlace) === hash)) return { bytes: inPlace, fresh: false };
  const candidates = [() => (hash ? readIfFile(join(CACHE, hash)) : null)];
  if (clonesDir) candidates.push(() => fromClone(clonesDir, source, path));
  if (!offline) candidates.push(() => download(source, path));
  let lastError = new Error('not in the cache (run without --offline, or with --clones)');
  for (const candidate of candidates) {
    try {
      const bytes = await candidate();
      if (!bytes) continue;
      if (hash && sha256(bytes) !== hash) {
        lastError = new Error(`content differs from the pinned SHA-256 ${hash.slice(0, 12)}…`);
        continue;
      }
      return { bytes, fresh: true };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** --pin: write the SHA-256 of every file present next to its SOURCE.json into that SOURCE.json. */
function pin(sources) {
  let pinned = 0;
  for (const { folder, source } of sources) {
    const hashOf = (path) => {
      const bytes = readIfFile(join(REAL_DIR, folder, path));
      if (!bytes) throw new Error(`${folder}/${path} is missing: fetch it before pinning`);
      cache(bytes, sha256(bytes));
      pinned += 1;
      return sha256(bytes);
    };
    source.files = source.files.map((file) => ({ ...file, sha256: hashOf(file.path) }));
    if (!source.files.some((file) => file.path === source.licenceFile)) source.licenceSha256 = hashOf(source.licenceFile);
    writeFileSync(join(REAL_DIR, folder, 'SOURCE.json'), `${JSON.stringify(source, null, 2)}\n`);
  }
  console.log(`pinned ${pinned} files of ${sources.length} repositories`);
}

async function main() {
  const sources = readSources();
  if (process.argv.includes('--pin')) return pin(sources);
  const outDir = resolve(option('--out') ?? REAL_DIR);
  const settings = { clonesDir: option('--clones') && resolve(option('--clones')), offline: process.argv.includes('--offline') };
  const failures = [];
  let fetched = 0;
  for (const { folder, source } of sources) {
    const target = join(outDir, folder);
    mkdirSync(target, { recursive: true });
    if (resolve(target) !== resolve(REAL_DIR, folder)) copyFileSync(join(REAL_DIR, folder, 'SOURCE.json'), join(target, 'SOURCE.json'));
    for (const file of neededFiles(source)) {
      const destination = join(target, file.path);
      try {
        const { bytes, fresh } = await obtain(source, file, destination, settings);
        if (file.hash) cache(bytes, file.hash);
        if (!fresh) continue;
        mkdirSync(dirname(destination), { recursive: true });
        writeFileSync(destination, bytes);
        fetched += 1;
      } catch (error) {
        failures.push(`${folder}/${file.path}: ${error.message.split('\n')[0]}`);
      }
    }
  }
  console.log(`${outDir}: ${sources.length} repositories, ${fetched} files written`);
  if (failures.length > 0) {
    console.error(`${failures.length} file(s) could not be had:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}

await main();
