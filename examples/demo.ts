/**
 * `npm run demo`: prepguard end to end, without Python.
 *
 * 1. Builds VGG16 in TF.js with seeded weights (cached in ~/.cache/prepguard/demo-model-<hash>).
 * 2. Records its reference on a few golden images with the Keras-exact TypeScript port
 *    (`recordReference`, the same as `prepguard record`).
 * 3. Runs `prepguard audit examples/`: the lint rules find the mistakes in the example service code.
 * 4. Checks every pipeline in examples/pipelines/ with `runCheck` (the same as `prepguard check`),
 *    prints a table of verdicts and diagnoses, and writes HTML reports to reports/demo/.
 * 5. Checks every pipeline in examples/browser-pipelines/ in headless Chromium (the same as
 *    `prepguard check --browser`); skipped with a line saying why when no browser is installed.
 *
 * The tests do the same with a model and reference made by real Keras (scripts/record_reference.py).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { browserUnavailableReason, launchChromium, runCheck, selectBackend, writeHtmlReport, type CheckReport, type ImageStatus } from '@prepguard/harness';
import { prepareDemoModel, ROOT, seconds, type DemoModel } from './demo/demo-model.js';

const PIPELINES = join(ROOT, 'examples/pipelines');
const BROWSER_PIPELINES = join(ROOT, 'examples/browser-pipelines');
const REPORTS = join(ROOT, 'reports/demo');
/**
 * A subset of the golden images, to finish in a minute or two on two cores (each inference takes
 * about a second on wasm): a photo with a non-square aspect, an Adobe RGB JPEG, an EXIF-rotated
 * JPEG and a PNG with an alpha ramp, so every mistake in the catalogue shows on at least one.
 */
const DEMO_IMAGES = ['chelsea.png', 'rocket.jpg', 'exif-orientation-6.jpg', 'rgba-alpha-ramp.png'];

function audit(): void {
  const cli = join(ROOT, 'packages/harness/dist/cli.js');
  console.log(`\n$ prepguard audit examples/`);
  if (!existsSync(cli)) {
    console.log(`  (skipped: ${relative(ROOT, cli)} is missing; run npm run build)`);
    return;
  }
  const result = spawnSync(process.execPath, [cli, 'audit', 'examples'], { cwd: ROOT, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  console.log(`  (exit code ${result.status}: ${result.status === 1 ? 'errors found, as intended' : 'no errors'})`);
}

interface Row {
  pipeline: string;
  verdict: string;
  diagnosis: string;
  failed: string;
  time: string;
}

function verdict(report: CheckReport): ImageStatus {
  for (const status of ['error', 'fail', 'warn'] as const) if (report.summary[status] > 0) return status;
  return 'pass';
}

function printTable(rows: Row[]): void {
  const columns: (keyof Row)[] = ['pipeline', 'verdict', 'diagnosis', 'failed', 'time'];
  const titles: Record<keyof Row, string> = { pipeline: 'pipeline', verdict: 'verdict', diagnosis: 'diagnosis', failed: 'images failed', time: 'time' };
  const widths = columns.map((c) => Math.max(titles[c].length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(columns.map((c) => titles[c])));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((c) => row[c])));
}

function writeIndex(rows: Row[], backend: string): void {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const body = rows
    .map((r) => `<tr><td><a href="${esc(r.pipeline)}.html">${esc(r.pipeline)}</a></td><td class="${esc(r.verdict)}">${esc(r.verdict)}</td><td>${esc(r.diagnosis)}</td><td>${esc(r.failed)}</td></tr>`)
    .join('\n');
  writeFileSync(
    join(REPORTS, 'report.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prepguard demo</title><style>
body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:left}
.pass{color:#176f2c}.warn{color:#9a6700}.fail,.error{color:#b42318;font-weight:600}</style></head><body>
<h1>prepguard demo: every example pipeline against VGG16</h1>
<p>Golden images: ${DEMO_IMAGES.map(esc).join(', ')} · backend <code>${esc(backend)}</code> · one report per pipeline (click a name).</p>
<table><tr><th>pipeline</th><th>verdict</th><th>diagnosis</th><th>images failed</th></tr>
${body}</table></body></html>
`,
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  const backend = await selectBackend();
  console.log(`prepguard demo · tfjs ${tf.version.tfjs} on the ${backend.name} backend`);
  console.log(`golden images: ${DEMO_IMAGES.join(', ')} (a subset of golden/images, to keep the demo short)`);
  const entry = await prepareDemoModel(DEMO_IMAGES);

  audit();

  const pipelines = readdirSync(PIPELINES).filter((f) => f.endsWith('.ts')).sort((a, b) => (a === 'correct.ts' ? -1 : b === 'correct.ts' ? 1 : a.localeCompare(b)));
  console.log(`\n$ prepguard check --pipeline examples/pipelines/<each>.ts  (${pipelines.length} pipelines × ${DEMO_IMAGES.length} images)\n`);
  mkdirSync(REPORTS, { recursive: true });
  const rows: Row[] = [];
  for (const file of pipelines) {
    const name = basename(file, '.ts');
    const t0 = Date.now();
    // By path: the model loads once per process and the reports name its model.json.
    const report = await runCheck({ pipeline: join(PIPELINES, file), model: entry.modelJson, reference: entry.reference, images: entry.images, collectArtifacts: true });
    const codes = [...new Set(report.images.map((i) => i.diagnosis?.code).filter((c) => c !== undefined))];
    const failed = report.images.filter((i) => i.status === 'fail' || i.status === 'error').map((i) => i.file);
    rows.push({
      pipeline: name,
      verdict: verdict(report),
      diagnosis: codes.join(', ') || '-',
      failed: failed.length ? `${failed.length}/${report.images.length} (${failed.join(', ')})` : `0/${report.images.length}`,
      time: seconds(Date.now() - t0),
    });
    await writeHtmlReport(report, join(REPORTS, `${name}.html`), { title: `prepguard check: examples/pipelines/${file}` });
    process.stdout.write(`  checked ${name}\n`);
  }
  console.log('');
  printTable(rows);
  writeIndex(rows, backend.name);
  console.log(`\nHTML report: ${relative(process.cwd(), join(REPORTS, 'report.html'))} (one page per pipeline next to it)`);
  await browserChecks(entry);
  printTryIt(entry);
  console.log(`done in ${seconds(Date.now() - started)}`);
}

/** The browser pipelines, run in one headless Chromium; the model runs here in Node as above. */
async function browserChecks(entry: DemoModel): Promise<void> {
  const pipelines = readdirSync(BROWSER_PIPELINES).filter((f) => f.endsWith('.ts')).sort((a, b) => (a === 'correct.ts' ? -1 : b === 'correct.ts' ? 1 : a.localeCompare(b)));
  console.log(`\n$ prepguard check --browser --pipeline examples/browser-pipelines/<each>.ts  (${pipelines.length} pipelines × ${DEMO_IMAGES.length} images, in headless Chromium)\n`);
  const missing = browserUnavailableReason();
  if (missing) {
    console.log(`  (skipped: no headless browser, ${missing}; install Chromium (apt-get install chromium) or set PREPGUARD_CHROMIUM)`);
    return;
  }
  const browser = await launchChromium();
  const rows: Row[] = [];
  try {
    for (const file of pipelines) {
      const name = basename(file, '.ts');
      const t0 = Date.now();
      const report = await runCheck({ pipeline: join(BROWSER_PIPELINES, file), environment: 'browser', browser, model: entry.modelJson, reference: entry.reference, images: entry.images, collectArtifacts: true });
      const codes = [...new Set(report.images.map((i) => i.diagnosis?.code).filter((c) => c !== undefined))];
      const failed = report.images.filter((i) => i.status === 'fail' || i.status === 'error').map((i) => i.file);
      rows.push({
        pipeline: `browser/${name}`,
        verdict: verdict(report),
        diagnosis: codes.join(', ') || '-',
        failed: failed.length ? `${failed.length}/${report.images.length} (${failed.join(', ')})` : `0/${report.images.length}`,
        time: seconds(Date.now() - t0),
      });
      await writeHtmlReport(report, join(REPORTS, `browser-${name}.html`), { title: `prepguard check --browser: examples/browser-pipelines/${file}` });
      process.stdout.write(`  checked browser/${name}\n`);
    }
  } finally {
    await browser.close();
  }
  console.log('');
  printTable(rows);
  console.log(`\nHTML reports: ${relative(process.cwd(), join(REPORTS, 'browser-<pipeline>.html'))}`);
}

/**
 * Where the model and reference are, and a `prepguard check` command that runs as printed.
 * Stable links under reports/demo/ point at the cache entries (whose names carry a hash), so
 * examples/README.md can give the same command.
 */
function printTryIt(entry: DemoModel): void {
  const modelLink = join(REPORTS, 'model');
  const referenceLink = join(REPORTS, 'reference');
  let model = entry.modelJson;
  let reference = entry.reference;
  try {
    for (const [link, target] of [[modelLink, dirname(entry.modelJson)], [referenceLink, dirname(entry.reference)]] as const) {
      rmSync(link, { force: true, recursive: false });
      symlinkSync(target, link, 'dir');
    }
    model = join(modelLink, 'model.json');
    reference = join(referenceLink, 'reference.json');
  } catch {
    // No symlinks here (e.g. Windows without the privilege): print the cache paths themselves.
  }
  const rel = (p: string) => (p.startsWith(ROOT) ? relative(ROOT, p) : p);
  const quote = (p: string) => (/^[\w./~:-]+$/.test(p) ? p : JSON.stringify(p));
  console.log(`\nModel:     ${rel(model)}  (${entry.modelJson})`);
  console.log(`Reference: ${rel(reference)}  (${entry.reference}; its golden images are in images/ next to it)`);
  console.log('Check a pipeline yourself (from the repository root):');
  console.log(
    `  node packages/harness/dist/cli.js check --pipeline examples/pipelines/unit-scaling.ts --model ${quote(rel(model))} --reference ${quote(rel(reference))} --html reports/unit-scaling.html`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
