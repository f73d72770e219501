/**
 * The browser runner on its own (no model): each golden image reaches the page as the pipeline
 * asks, every page fault gets the same named error as in Node, the server listens on loopback
 * only, and no browser process outlives a runner. One Chromium for the whole file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { launchChromium, type RunningBrowser } from '../src/browser/chromium.js';
import { BrowserPipelineRunner } from '../src/browser/runner.js';
import { startLoopbackServer } from '../src/browser/server.js';
import { BrowserBundleError, PipelineLoadError } from '../src/errors.js';
import { GOLDEN_IMAGES, REPO_ROOT } from './helpers/models.js';

const FIXTURES = join(REPO_ROOT, 'packages/harness/test/fixtures/browser');
const FAULTS = join(FIXTURES, 'faults.ts');
const CHELSEA = new Uint8Array(readFileSync(join(GOLDEN_IMAGES, 'chelsea.png')));
const SHAPE = [4, 4, 3];

let browser: RunningBrowser;
const runners: BrowserPipelineRunner[] = [];

async function open(spec: string): Promise<BrowserPipelineRunner> {
  const runner = await BrowserPipelineRunner.open(spec, { browser });
  runners.push(runner);
  return runner;
}

/** Process ids of `root` and all its descendants that are still running. */
function processTree(root: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of rows) if (ppid === tree[i]) tree.push(pid);
  return tree.filter((pid) => rows.some(([p]) => p === pid));
}

/**
 * Processes of the browser's process group (puppeteer starts Chromium as a group leader): unlike
 * its process tree, this still finds a helper process whose parent died (re-parented to init).
 */
function browserGroup(browserPid: number): number[] {
  return execFileSync('ps', ['-e', '-o', 'pid=,pgid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number])
    .filter(([, pgid]) => pgid === browserPid)
    .map(([pid]) => pid);
}

/** The browser's process group once it has exited (its helpers exit just after it), or what is left after `ms`. */
async function goneWithin(pid: number, ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  while (browserGroup(pid).length && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  return browserGroup(pid);
}

/**
 * Chromium processes started by this test process, other than the file's shared browser (whose
 * helper processes come and go by themselves); other runs on the machine are not ours to count.
 */
function ourOtherChromiumCount(): number {
  const ours = new Set(processTree(process.pid).filter((pid) => pid !== process.pid));
  return execFileSync('ps', ['-e', '-o', 'pid=,pgid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, pgid, name]) => ours.has(Number(pid)) && Number(pgid) !== browser.pid && /chrom/i.test(name ?? '')).length;
}

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const runner of runners) await runner.close();
  await browser?.close();
});

describe('input kinds', () => {
  let kinds: BrowserPipelineRunner | undefined;
  test.each([
    ['fromImage', 0, 451, 300],
    ['fromBitmap', 1, 451, 300],
    ['fromCanvas', 2, 451, 300],
    ['fromBlob', 3, CHELSEA.length, 0],
    ['fromBytes', 4, CHELSEA.length, 0],
  ])('%s gets the image as its parameter name says', async (name, kind, width, height) => {
    kinds ??= await open(`${join(FIXTURES, 'input-kinds.ts')}#fromImage`);
    const run = await kinds.runExport(name, CHELSEA, 'chelsea.png', [1, 1, 3], 10_000);
    expect(run.error).toBeNull();
    expect(Array.from(run.candidate!.data)).toEqual([kind, width, height]);
  }, 60_000);

  test("an `input` export wins over the parameter's name", async () => {
    const runner = await open(join(FIXTURES, 'explicit-input.ts'));
    const run = await runner.run(CHELSEA, 'chelsea.png', [1, 1, 3], 10_000);
    expect(run.candidate!.data[0]).toBe(1);
  }, 60_000);
});

describe('faults get the named errors of a Node pipeline', () => {
  let runner: BrowserPipelineRunner;
  beforeAll(async () => {
    runner = await open(`${FAULTS}#ok`);
  }, 60_000);
  const run = (name: string, timeoutMs = 10_000) => runner.runExport(name, CHELSEA, 'chelsea.png', SHAPE, timeoutMs);

  test('a usable output is a candidate with no notes', async () => {
    const r = await run('ok');
    expect(r.error).toBeNull();
    expect(r.notes).toEqual([]);
    expect(r.candidate!.shape).toEqual(SHAPE);
  });

  test('a throw is pipeline-threw, naming the error', async () => {
    const r = await run('throws');
    expect(r.error?.code).toBe('pipeline-threw');
    expect(r.error?.message).toMatch(/chelsea\.png: threw RangeError: no pixels in this image/);
  });

  test('a promise that never settles is pipeline-timeout, and the next image gets a fresh page', async () => {
    const r = await run('neverResolves', 500);
    expect(r.error?.code).toBe('pipeline-timeout');
    expect((await run('ok')).error).toBeNull();
  });

  test('a synchronous infinite loop is pipeline-timeout too, and the page is replaced', async () => {
    const r = await run('blocksForever', 500);
    expect(r.error?.code).toBe('pipeline-timeout');
    expect((await run('ok')).error).toBeNull();
  }, 30_000);

  test('leaked tensors in the page are a pipeline-tensor-leak note', async () => {
    const r = await run('leaks');
    expect(r.candidate).not.toBeNull();
    expect(r.notes.map((n) => [n.code, (n as unknown as { leaked: number }).leaked])).toEqual([['pipeline-tensor-leak', 2]]);
  });

  test('navigating away is pipeline-threw, saying where it went', async () => {
    const r = await run('navigatesAway');
    expect(r.error?.code).toBe('pipeline-threw');
    expect(r.error?.message).toMatch(/navigated the page away \(to http:\/\/127\.0\.0\.1:\d+\/somewhere-else\)/);
    expect((await run('ok')).error).toBeNull();
  });

  test('output faults: int32 is a dtype note, NaN is pipeline-non-finite, a string is pipeline-output-type', async () => {
    expect((await run('int32Output')).notes.map((n) => n.code)).toEqual(['pipeline-output-dtype']);
    expect((await run('nanOutput')).error?.code).toBe('pipeline-non-finite');
    expect((await run('returnsString')).error?.code).toBe('pipeline-output-type');
  });
});

describe('loading', () => {
  test('a module without the export is a PipelineLoadError listing the exports', async () => {
    const error = await open(`${FAULTS}#missing`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineLoadError);
    expect((error as Error).message).toMatch(/no function export "missing" \(exports: .*neverResolves/);
  }, 60_000);

  test('a module that does not bundle is a BrowserBundleError naming the file and line', async () => {
    const error = await open(join(FIXTURES, 'bad-syntax.ts')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserBundleError);
    expect((error as Error).message).toMatch(/bad-syntax\.ts:\d+/);
  });
});

describe('isolation and clean-up', () => {
  test('the static server listens on 127.0.0.1 only', async () => {
    const server = await startLoopbackServer();
    try {
      expect(server.address.address).toBe('127.0.0.1');
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const external = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal);
      if (external) {
        // The same port on this machine's other address refuses the connection.
        const refused = await new Promise<boolean>((resolve) => {
          const socket = connect(server.address.port, external.address);
          socket.once('connect', () => (socket.destroy(), resolve(false)));
          socket.once('error', () => resolve(true));
        });
        expect(refused).toBe(true);
      }
    } finally {
      await server.close();
    }
  });

  test('a runner that starts its own browser leaves no browser process after close, nor after a failed open', async () => {
    expect(ourOtherChromiumCount()).toBe(0);
    const runner = await BrowserPipelineRunner.open(`${FAULTS}#ok`);
    expect(browserGroup(runner.pid!).length).toBeGreaterThan(1);
    expect(ourOtherChromiumCount()).toBeGreaterThan(1);
    await runner.run(CHELSEA, 'chelsea.png', SHAPE, 10_000);
    await runner.close();
    // The browser's helper processes exit just after it: wait for them, a few seconds at most.
    expect(await goneWithin(runner.pid!, 10_000)).toEqual([]);
    expect(existsSync(runner.profile)).toBe(false);
    await expect(BrowserPipelineRunner.open(`${FAULTS}#missing`)).rejects.toThrow(PipelineLoadError);
    const end = Date.now() + 10_000;
    while (ourOtherChromiumCount() > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    expect(ourOtherChromiumCount()).toBe(0);
  }, 60_000);

  /** Starts a harness process that opens a runner, and resolves with it and its browser's pid. */
  function harnessProcess(mode: 'throw' | 'wait') {
    const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, 'crash-after-open.ts'), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    const browserPid = new Promise<{ pid: number; profile: string }>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => {
        const [pid, profile] = String(chunk).trim().split(' ');
        resolve({ pid: Number(pid), profile: profile! });
      });
      child.once('exit', () => reject(new Error('the harness process exited before opening the browser')));
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return { child, browserPid, exited };
  }

  test.each(['throw', 'wait'] as const)('a harness process that crashes (%s: uncaught error / SIGKILL) leaves no browser process', async (mode) => {
    const { child, browserPid, exited } = harnessProcess(mode);
    const { pid, profile } = await browserPid;
    expect(browserGroup(pid).length).toBeGreaterThan(0);
    if (mode === 'wait') child.kill('SIGKILL');
    await exited;
    // SIGKILL cannot be handled in Node: Chromium exits by itself when its pipe to the dead process closes.
    expect(await goneWithin(pid, 10_000)).toEqual([]);
    // The temporary profile goes with a process that exits; a SIGKILLed one cannot remove it.
    if (mode === 'throw') expect(existsSync(profile)).toBe(false);
    else rmSync(profile, { recursive: true, force: true });
  }, 60_000);
});
