#!/usr/bin/env node
// Downloads the third-party files of corpus/real that are not committed: each folder's SOURCE.json
// pins the repository, the commit and the paths, so the files come back byte-for-byte as labelled.
//
//   node scripts/fetch-real-corpus.mjs                 # into ~/.cache/prepguard/real-corpus/<hash>/
//   node scripts/fetch-real-corpus.mjs --out DIR       # into DIR (corpus/real itself is fine: its files are git-ignored)
//   node scripts/fetch-real-corpus.mjs --clones DIR    # read from local git clones DIR/<owner>__<name> instead of GitHub
//
// The output is a complete corpus tree (SOURCE.json + files), so check-real-corpus.mjs can be run on it.
// Dependency-free on purpose, like check-real-corpus.mjs. Exit code 1 when a file cannot be had.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus', 'real');

function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

function readSources() {
  return readdirSync(REAL_DIR)
    .filter((entry) => existsSync(join(REAL_DIR, entry, 'SOURCE.json')))
    .sort()
    .map((folder) => ({ folder, source: JSON.parse(readFileSync(join(REAL_DIR, folder, 'SOURCE.json'), 'utf8')) }));
}

/** Every path a folder needs: its listed files and its licence file. */
function neededPaths(source) {
  return [...new Set([...source.files.map((file) => file.path), source.licenceFile])];
}

// The cache key covers what is downloaded (repository, commit, path), so a changed label reuses the cache.
function cacheDir(sources) {
  const hash = createHash('sha256');
  for (const { source } of sources) {
    for (const path of neededPaths(source)) hash.update(`${source.repo}\0${source.commit}\0${path}\n`);
  }
  return join(homedir(), '.cache', 'prepguard', 'real-corpus', hash.digest('hex').slice(0, 16));
}

async function download(source, path, clonesDir) {
  if (!source.commit) throw new Error(`${source.repo}: no commit recorded, cannot pin ${path}`);
  if (clonesDir) {
    const [owner, name] = source.repo.split('/');
    const gitDir = join(clonesDir, `${owner}__${name}`);
    return execFileSync('git', ['-C', gitDir, 'cat-file', 'blob', `${source.commit}:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const url = `https://raw.githubusercontent.com/${source.repo}/${source.commit}/${encoded}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function main() {
  const sources = readSources();
  const outDir = resolve(option('--out') ?? cacheDir(sources));
  const clonesDir = option('--clones') && resolve(option('--clones'));
  const failures = [];
  let fetched = 0;
  for (const { folder, source } of sources) {
    const target = join(outDir, folder);
    mkdirSync(target, { recursive: true });
    if (resolve(target) !== resolve(REAL_DIR, folder)) {
      copyFileSync(join(REAL_DIR, folder, 'SOURCE.json'), join(target, 'SOURCE.json'));
    }
    for (const path of neededPaths(source)) {
      const destination = join(target, path);
      if (existsSync(destination) && statSync(destination).isFile()) continue;
      const committed = join(REAL_DIR, folder, path);
      try {
        mkdirSync(dirname(destination), { recursive: true });
        if (existsSync(committed)) copyFileSync(committed, destination);
        else writeFileSync(destination, await download(source, path, clonesDir));
        fetched += 1;
      } catch (error) {
        failures.push(`${folder}/${path}: ${error.message.split('\n')[0]}`);
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
