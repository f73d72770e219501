#!/usr/bin/env node
// Smoke test of @prepguard/eslint-plugin on code nobody in this project wrote: every JS/TS
// source file (declaration files excepted) under the given node_modules trees, all rules on.
// Proves the rules never crash on real-world code and lists every finding for review.
//
//   node scripts/smoke-lint.mjs --install        # once: third-party packages into /tmp/smoke-corpus
//   node scripts/smoke-lint.mjs                  # lint ./node_modules and /tmp/smoke-corpus/node_modules
//   node scripts/smoke-lint.mjs DIR... [--jobs N] [--max-size KIB] [--json FILE] [--plugin MODULE]
//
// Files above --max-size (default 256 KiB) are skipped and counted: they are bundles and
// minified builds of sources that are linted anyway, and parsing a few of them would
// take longer than the other 50,000 files together.
// Needs a build first (`npm run build`): it runs the published entry points from dist/.
// Exit code: 0 when no rule crashed, 1 otherwise (parse errors are counted, not failures:
// the parser rejecting e.g. Flow-typed or non-standard files says nothing about the rules).
import { execFileSync, fork } from 'node:child_process';
import { promises as fs, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AUDIT_MODULE = path.join(REPO_ROOT, 'packages/eslint-plugin/dist/audit/index.js');
const SCRATCH = path.join(os.tmpdir(), 'smoke-corpus');
/**
 * Large, popular packages installed outside the repository to reach 50,000+ files, with the
 * TensorFlow.js model wrappers and other image-model code where real findings can occur.
 */
const SCRATCH_PACKAGES = [
  'typescript', '@babel/core', '@babel/preset-env', 'rxjs', 'lodash', 'lodash-es', 'date-fns@2', 'core-js',
  'three', 'antd', '@mui/material', '@mui/icons-material', 'webpack', 'ramda', '@aws-sdk/client-s3',
  '@tensorflow/tfjs', '@tensorflow-models/mobilenet', '@tensorflow-models/coco-ssd', '@tensorflow-models/posenet',
  '@tensorflow-models/body-pix', 'nsfwjs', 'face-api.js', '@teachablemachine/image', 'ml5', 'jimp',
];

function parseArgs(argv) {
  const options = { dirs: [], jobs: Math.max(1, os.availableParallelism?.() ?? os.cpus().length), json: null, plugin: null, install: false, shard: null, maxKiB: 256 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--install') options.install = true;
    else if (arg === '--jobs') options.jobs = Number(argv[++i]);
    else if (arg === '--json') options.json = argv[++i];
    else if (arg === '--max-size') options.maxKiB = Number(argv[++i]);
    else if (arg === '--plugin') options.plugin = path.resolve(argv[++i]);
    else if (arg === '--shard') options.shard = argv[++i];
    else if (arg.startsWith('-')) throw new Error(`Unknown option ${arg}`);
    else options.dirs.push(path.resolve(arg));
  }
  if (options.dirs.length === 0) {
    options.dirs.push(path.join(REPO_ROOT, 'node_modules'));
    if (existsSync(path.join(SCRATCH, 'node_modules'))) options.dirs.push(path.join(SCRATCH, 'node_modules'));
  }
  return options;
}

function installScratchCorpus() {
  mkdirSync(SCRATCH, { recursive: true });
  execFileSync('npm', ['init', '-y'], { cwd: SCRATCH, stdio: 'ignore' });
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', ...SCRATCH_PACKAGES], {
    cwd: SCRATCH,
    stdio: 'inherit',
  });
}

async function loadPlugin(modulePath) {
  if (modulePath === null) return undefined;
  return (await import(pathToFileURL(modulePath).href)).default;
}

/** Child process: lint one shard of the file list and send the report back. */
async function runShard(options) {
  const { runAudit } = await import(pathToFileURL(AUDIT_MODULE).href);
  const files = JSON.parse(await fs.readFile(options.shard, 'utf8'));
  let last = 0;
  const { report } = await runAudit({
    paths: files,
    cwd: '/',
    preset: 'all',
    defaultIgnores: false,
    plugin: await loadPlugin(options.plugin),
    onProgress: (done) => {
      if (done - last >= 500) {
        process.send({ type: 'progress', delta: done - last });
        last = done;
      }
    },
  });
  process.send({ type: 'progress', delta: files.length - last });
  // Paths are reported relative to the root directory given as cwd; make them absolute again.
  const withFindings = report.files.map((file) => ({ path: `/${file.path}`, findings: file.findings }));
  process.send({ type: 'done', totals: report.totals, files: withFindings });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.shard !== null) return runShard(options);
  if (options.install) {
    installScratchCorpus();
    return;
  }
  if (!existsSync(AUDIT_MODULE)) throw new Error(`${AUDIT_MODULE} is missing: run "npm run build" first.`);
  const { collectFiles } = await import(pathToFileURL(AUDIT_MODULE).href);
  const candidates = await collectFiles(options.dirs, { cwd: REPO_ROOT, defaultIgnores: false });
  const sizes = await Promise.all(candidates.map(async (file) => (await fs.stat(file)).size));
  const files = candidates.filter((_, i) => sizes[i] <= options.maxKiB * 1024);
  const skipped = candidates.length - files.length;
  console.log(
    `smoke-lint: ${files.length} JS/TS files under ${options.dirs.join(', ')} ` +
      `(${skipped} larger than ${options.maxKiB} KiB skipped); ${options.jobs} process(es)`,
  );

  const started = performance.now();
  // Round-robin sharding keeps each process's mix of small and huge files similar.
  const shards = Array.from({ length: options.jobs }, (_, job) => files.filter((_, i) => i % options.jobs === job));
  const scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'smoke-lint-'));
  let done = 0;
  let nextReport = 5000;
  const results = await Promise.all(
    shards.map(async (shard, job) => {
      const shardFile = path.join(scratchDir, `shard-${job}.json`);
      await fs.writeFile(shardFile, JSON.stringify(shard));
      const args = ['--shard', shardFile, ...(options.plugin ? ['--plugin', options.plugin] : [])];
      const child = fork(fileURLToPath(import.meta.url), args, { execArgv: ['--max-old-space-size=6144'] });
      return new Promise((resolve, reject) => {
        let result = null;
        child.on('message', (message) => {
          if (message.type === 'progress') {
            done += message.delta;
            if (done >= nextReport) {
              console.log(`smoke-lint: ${done}/${files.length} files, ${((performance.now() - started) / 1000).toFixed(0)}s`);
              nextReport += 5000;
            }
          } else result = message;
        });
        child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`shard ${job} exited with ${code}`))));
      });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await fs.rm(scratchDir, { recursive: true, force: true });

  const merged = results.flatMap((r) => r.files).sort((a, b) => (a.path < b.path ? -1 : 1));
  const sum = (key) => results.reduce((total, r) => total + r.totals[key], 0);
  const findings = merged.flatMap((file) => file.findings.filter((f) => f.kind === 'finding').map((f) => ({ path: file.path, ...f })));
  const crashes = merged.flatMap((file) => file.findings.filter((f) => f.kind === 'crash').map((f) => ({ path: file.path, ...f })));
  const parseErrors = merged.flatMap((file) => file.findings.filter((f) => f.kind === 'parse-error').map((f) => ({ path: file.path, ...f })));

  console.log('\nFindings:');
  for (const f of findings) console.log(`  ${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.ruleId}  ${f.message}`);
  if (findings.length === 0) console.log('  (none)');
  console.log('\nRule crashes:');
  for (const f of crashes) console.log(`  ${f.path}:${f.line}  ${f.message}`);
  if (crashes.length === 0) console.log('  (none)');
  console.log('\nParse errors (the parser rejected the file; no rule ran):');
  for (const f of parseErrors) console.log(`  ${f.path}:${f.line}:${f.column}  ${f.message}`);

  const byRule = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const summary = {
    filesLinted: sum('filesLinted'),
    skippedLargerThanMaxSize: skipped,
    parseErrors: parseErrors.length,
    ruleCrashes: crashes.length,
    findings: findings.length,
    findingsByRule: byRule,
    seconds: Number(seconds.toFixed(1)),
    processes: options.jobs,
  };
  console.log('\nSummary:');
  console.log(`  files linted   ${summary.filesLinted} (${skipped} over ${options.maxKiB} KiB skipped)`);
  console.log(`  parse errors   ${summary.parseErrors}`);
  console.log(`  rule crashes   ${summary.ruleCrashes}`);
  console.log(`  findings       ${summary.findings} ${JSON.stringify(byRule)}`);
  console.log(`  time           ${summary.seconds}s with ${options.jobs} process(es)`);
  if (options.json) await fs.writeFile(options.json, `${JSON.stringify({ summary, findings, crashes, parseErrors }, null, 2)}\n`);
  process.exitCode = crashes.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
