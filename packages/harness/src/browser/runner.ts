/**
 * The browser as a pipeline runner: the user's module runs in a real headless Chromium page served
 * from the harness's loopback server; each golden image is fetched by the page and handed to the
 * pipeline as an <img>, ImageBitmap, canvas, Blob or bytes; the output comes back to Node, where the
 * model, comparison and diagnosis are the same as for a Node pipeline. The model runs in Node so
 * that both checks use the same model files, backend and inference cache, and compare alike.
 */
import { extname } from 'node:path';
import type { Page } from 'puppeteer-core';
import { PipelineLoadError, PipelineThrewError, PipelineTimeoutError, PipelineOutputDtypeError, type PipelineError } from '../errors.js';
import { parsePipelineSpec } from '../pipeline/resolve.js';
import { settleOutput, withTimeout, type PipelineRun, type PipelineRunner } from '../pipeline/run.js';
import { bundlePipeline } from './bundle.js';
import { launchChromium, type RunningBrowser } from './chromium.js';
import type { BrowserDecodeOptions, BrowserDecoded, BrowserDecoder, PageDecoded, PageOutput, PageRunResult } from './protocol.js';
import { startLoopbackServer, type LoopbackServer } from './server.js';

const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

const PAGE = '<!doctype html><meta charset="utf-8"><title>prepguard</title><body><script type="module" src="/pipeline.js"></script></body>';

/** How long closing a discarded page may take before it is left to the browser's own close. */
const PAGE_CLOSE_MS = 2_000;

/** How long the page may take to load the bundle (tfjs included) before the run cannot start. */
const PAGE_LOAD_MS = 60_000;

function fromBase64(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function float32From(base64: string): Float32Array {
  const bytes = fromBase64(base64);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

const TYPED_ARRAYS: Record<string, (values: Float32Array) => ArrayLike<number>> = {
  Float64Array: (v) => Float64Array.from(v),
  Int32Array: (v) => Int32Array.from(v),
  Uint8Array: (v) => Uint8Array.from(v),
  Uint8ClampedArray: (v) => Uint8ClampedArray.from(v),
  Int16Array: (v) => Int16Array.from(v),
  Uint16Array: (v) => Uint16Array.from(v),
  'number[]': (v) => Array.from(v),
};

/** The page's output as the Node-side value toCandidate expects (a tensor-like or a PixelArray). */
function outputValue(output: PageOutput, file: string): unknown {
  if (output.kind === 'other') return output.type === 'null' ? null : undefined;
  if (output.kind === 'pixels' && !output.numeric) throw new PipelineOutputDtypeError(file, output.dtype);
  const values = float32From(output.base64);
  if (output.kind === 'tensor') {
    return { dtype: output.dtype, shape: output.shape, dataSync: () => values, dispose: () => undefined };
  }
  return { data: output.dtype === 'float32' ? values : (TYPED_ARRAYS[output.dtype]?.(values) ?? values), shape: output.shape };
}

export interface BrowserRunnerOptions {
  /** The browser executable (default: PREPGUARD_CHROMIUM, CHROME_PATH, the usual install paths). */
  executablePath?: string;
  cwd?: string;
  /** A browser that is already running (one per test file or benchmark); it stays open after close(). */
  browser?: RunningBrowser;
}

export class BrowserPipelineRunner implements PipelineRunner, BrowserDecoder {
  private page: Page | null = null;
  /** Where the pipeline sent the page, when it navigated away during the current image. */
  private navigatedTo: string | null = null;
  private imageCount = 0;

  private constructor(
    readonly spec: string,
    private readonly exportName: string | null,
    private readonly running: RunningBrowser,
    private readonly server: LoopbackServer,
    /** The browser was started for this runner, and close() ends it. */
    private readonly ownsBrowser: boolean,
  ) {}

  get browserDecoder(): BrowserDecoder {
    return this;
  }

  /** The browser's main process id (for tests that check no browser outlives a run). */
  get pid(): number | null {
    return this.running.pid;
  }

  /** The browser's temporary profile directory. */
  get profile(): string {
    return this.running.profile;
  }

  get origin(): string {
    return this.server.origin;
  }

  /**
   * Bundles the module, starts the server and the browser, and loads the page once to check that
   * the module exports a pipeline. Throws PipelineLoadError, BrowserBundleError or
   * BrowserUnavailableError; nothing is left running when it throws.
   */
  static async open(spec: string, options: BrowserRunnerOptions = {}): Promise<BrowserPipelineRunner> {
    const { path, exportName } = parsePipelineSpec(spec);
    const bundle = await bundlePipeline(path, options.cwd);
    const server = await startLoopbackServer();
    let running: RunningBrowser | undefined;
    let runner: BrowserPipelineRunner | undefined;
    try {
      running = options.browser ?? (await launchChromium(options.executablePath));
      server.put('/', { body: PAGE, type: 'text/html' });
      server.put('/pipeline.js', { body: bundle, type: 'text/javascript' });
      runner = new BrowserPipelineRunner(spec, exportName ?? null, running, server, !options.browser);
      const page = await runner.openPage();
      const problem = await page.evaluate((name) => (window as unknown as { prepguard: { describe(n: string | null): Promise<string | null> } }).prepguard.describe(name), exportName ?? null);
      if (problem) throw new PipelineLoadError(spec, problem);
      return runner;
    } catch (error) {
      if (runner) await runner.close();
      else {
        if (!options.browser) await running?.close();
        await server.close();
      }
      throw error;
    }
  }

  /** A fresh page with the bundle loaded (after a timeout or a navigation the old one is discarded). */
  private async openPage(): Promise<Page> {
    if (this.page) return this.page;
    const page = await this.running.browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String((error as Error).message ?? error)));
    // Seen at the request, before the navigation destroys the page's context (and the pending call).
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && request.url() !== `${this.server.origin}/`) this.navigatedTo = request.url();
    });
    await page.goto(`${this.server.origin}/`, { waitUntil: 'load', timeout: PAGE_LOAD_MS });
    try {
      await page.waitForFunction('window.prepguard !== undefined', { timeout: PAGE_LOAD_MS });
    } catch (cause) {
      await page.close().catch(() => undefined);
      throw new PipelineLoadError(this.spec, `the module did not load in the browser: ${pageErrors[0] ?? (cause as Error).message}`, { cause });
    }
    this.navigatedTo = null;
    this.page = page;
    return page;
  }

  private async discardPage(): Promise<void> {
    const page = this.page;
    this.page = null;
    if (!page) return;
    // Closing a page in the middle of a navigation can wait forever: bounded, the page is dropped
    // either way (the browser itself is closed at the end of the run).
    const closed = page.close({ runBeforeUnload: false }).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, PAGE_CLOSE_MS)))]);
    clearTimeout(timer);
  }

  /** Serves the image bytes at a fresh URL, typed by the file's extension as a web server would. */
  private serveImage(image: Uint8Array, file: string): string {
    const path = `/images/${++this.imageCount}${extname(file).toLowerCase()}`;
    this.server.put(path, { body: image, type: IMAGE_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' });
    return path;
  }

  run(image: Uint8Array, file: string, expectedShape: number[], timeoutMs: number): Promise<PipelineRun> {
    return this.runExport(this.exportName, image, file, expectedShape, timeoutMs);
  }

  /** Runs another export of the same module (null: `default`, then `pipeline`) in the same page. */
  async runExport(exportName: string | null, image: Uint8Array, file: string, expectedShape: number[], timeoutMs: number): Promise<PipelineRun> {
    const start = performance.now();
    const path = this.serveImage(image, file);
    const fail = (error: PipelineError): PipelineRun => ({ candidate: null, error, notes: [], ms: performance.now() - start });
    try {
      const page = await this.openPage();
      const work = page.evaluate(
        (name, url, f) => (window as unknown as { prepguard: { run(n: string | null, u: string, f: string): Promise<PageRunResult> } }).prepguard.run(name, url, f),
        exportName,
        path,
        file,
      );
      let result: PageRunResult;
      try {
        result = await withTimeout(work, timeoutMs, () => new PipelineTimeoutError(file, timeoutMs));
      } catch (error) {
        work.catch(() => undefined);
        const navigatedTo = this.navigatedTo;
        // The page may still be busy (or gone): the next image gets a fresh one.
        await this.discardPage();
        if (error instanceof PipelineTimeoutError) return fail(error);
        if (navigatedTo) return fail(new PipelineThrewError(file, Object.assign(new Error(`the pipeline navigated the page away (to ${navigatedTo})`), { name: 'PageNavigatedAway' })));
        return fail(new PipelineThrewError(file, error));
      }
      if (result.error) return fail(new PipelineThrewError(file, Object.assign(new Error(result.error.message), { name: result.error.name })));
      let output: unknown;
      try {
        output = outputValue(result.output!, file);
      } catch (error) {
        return { ...fail(error as PipelineError), ms: result.ms };
      }
      return settleOutput(output, { file, expectedShape, timeoutMs, ms: result.ms, leaked: result.leaked });
    } catch (error) {
      await this.discardPage();
      return fail(new PipelineThrewError(file, error));
    } finally {
      this.server.remove(path);
    }
  }

  async decode(image: Uint8Array, file: string, options: BrowserDecodeOptions): Promise<BrowserDecoded> {
    const path = this.serveImage(image, file);
    try {
      const page = await this.openPage();
      const out = await page.evaluate(
        (url, o) => (window as unknown as { prepguard: { decode(u: string, o: BrowserDecodeOptions): Promise<PageDecoded> } }).prepguard.decode(url, o),
        path,
        options,
      );
      return { data: fromBase64(out.base64), width: out.width, height: out.height };
    } finally {
      this.server.remove(path);
    }
  }

  /** Closes the page, the browser (unless it was given) and its profile directory, and the server. */
  async close(): Promise<void> {
    await this.discardPage();
    if (this.ownsBrowser) await this.running.close();
    await this.server.close();
  }
}


