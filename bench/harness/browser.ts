/**
 * The browser row of `npm run bench:harness`: what running the pipeline in headless Chromium
 * (`prepguard check --browser`) costs per image next to running it in Node, on the same golden
 * images, side by side in one run. Both are the project's correct VGG16 pipelines
 * (examples/pipelines/correct.ts in Node, examples/browser-pipelines/correct.ts in the page);
 * the model is not involved (it runs in Node in both checks, so its cost is the same).
 *
 * - start-up: bundling the module (esbuild, tfjs included), starting Chromium, loading the page;
 * - per image: the runner's wall time (Node: the call; browser: serving the bytes, the page's
 *   fetch + decode + pipeline, and the output's way back), and the pipeline's own time in the page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserPipelineRunner, browserUnavailableReason, loadPipeline, nodeRunner, type PipelineRunner } from '@prepguard/harness';

const SHAPE = [224, 224, 3];
const REPEATS = Number(process.env.BENCH_BROWSER_REPEATS ?? 3);

const ms = (v: number) => v.toFixed(v < 10 ? 2 : 0);

async function timePerImage(runner: PipelineRunner, images: Array<{ file: string; bytes: Uint8Array }>) {
  const wall: Record<string, number> = {};
  const own: Record<string, number> = {};
  for (const { file, bytes } of images) await runner.run(bytes, file, SHAPE, 60_000); // warm-up (JIT, first decode)
  for (const { file, bytes } of images) {
    let total = 0;
    let pipeline = 0;
    for (let i = 0; i < REPEATS; i++) {
      const t0 = performance.now();
      const run = await runner.run(bytes, file, SHAPE, 60_000);
      total += performance.now() - t0;
      pipeline += run.ms;
      if (!run.candidate) throw new Error(`${file}: ${run.error?.message}`);
    }
    wall[file] = total / REPEATS;
    own[file] = pipeline / REPEATS;
  }
  return { wall, own };
}

export async function benchBrowser(root: string, files: readonly string[]): Promise<void> {
  console.log(`\nbrowser check (--browser) vs Node check: the pipeline's cost per image, mean of ${REPEATS} runs\n`);
  const missing = browserUnavailableReason();
  if (missing) {
    console.log(`skipped: no headless browser (${missing}); install Chromium or set PREPGUARD_CHROMIUM`);
    return;
  }
  const images = files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(join(root, 'golden/images', file))) }));
  const node = nodeRunner(await loadPipeline(join(root, 'examples/pipelines/correct.ts')));
  const t0 = performance.now();
  const browser = await BrowserPipelineRunner.open(join(root, 'examples/browser-pipelines/correct.ts'));
  const startMs = performance.now() - t0;
  try {
    const n = await timePerImage(node, images);
    const b = await timePerImage(browser, images);
    const header = ['image', 'node ms', 'browser ms', 'in page ms', 'overhead ms', 'ratio'];
    const rows = files.map((f) => [f, ms(n.wall[f]!), ms(b.wall[f]!), ms(b.own[f]!), ms(b.wall[f]! - n.wall[f]!), (b.wall[f]! / n.wall[f]!).toFixed(2)]);
    const mean = (m: Record<string, number>) => files.reduce((a, f) => a + m[f]!, 0) / files.length;
    rows.push(['mean', ms(mean(n.wall)), ms(mean(b.wall)), ms(mean(b.own)), ms(mean(b.wall) - mean(n.wall)), (mean(b.wall) / mean(n.wall)).toFixed(2)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    rows.forEach((r) => console.log(line(r)));
    console.log(`\nbrowser start-up (bundle + Chromium + page load), once per check: ${ms(startMs)} ms`);
  } finally {
    await browser.close();
  }
}
