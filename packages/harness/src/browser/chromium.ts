/**
 * Finding and starting the headless browser. Nothing is downloaded: the harness drives a Chromium
 * or Chrome already on the machine (Debian's `chromium` package in CI) through puppeteer-core.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BrowserUnavailableError } from '../errors.js';

/** Environment variables that name the executable, first match wins. */
export const BROWSER_ENV_VARS = ['PREPGUARD_CHROMIUM', 'CHROME_PATH'] as const;

const WELL_KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Flags for a closed, root-run CI machine: no sandbox (root), no GPU, and no background traffic
 * (updates, sync, QUIC probes) that would try to reach the network.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL without a GPU (software rendering): the decode replays read exact, unpremultiplied pixels through it.
  '--enable-unsafe-swiftshader',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser executable: PREPGUARD_CHROMIUM, CHROME_PATH, then the usual install paths; null if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const name of BROWSER_ENV_VARS) {
    const path = env[name];
    if (path) return isExecutable(path) ? path : null;
  }
  return WELL_KNOWN_PATHS.find(isExecutable) ?? null;
}

/** Why no browser can run here, in words for the skip message; null when one can. */
export function browserUnavailableReason(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const name of BROWSER_ENV_VARS) {
    const path = env[name];
    if (path) return isExecutable(path) ? null : `${name}=${path} is not an executable file`;
  }
  return findChromium(env) ? null : `none found at ${WELL_KNOWN_PATHS.slice(0, 4).join(', ')}`;
}

export interface RunningBrowser {
  browser: Browser;
  /** The browser's main process id (its renderers are its children). */
  pid: number | null;
  /** The temporary profile directory (removed on close and when the process exits). */
  profile: string;
  /** Closes the browser and removes its profile directory; safe to call twice. */
  close(): Promise<void>;
}

/** Starts headless Chromium with a new empty profile in a temporary directory. */
export async function launchChromium(executablePath = findChromium()): Promise<RunningBrowser> {
  if (!executablePath) throw new BrowserUnavailableError(browserUnavailableReason() ?? 'none found');
  const profile = mkdtempSync(join(tmpdir(), 'prepguard-chromium-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir: profile,
      args: CHROMIUM_FLAGS,
      // Talk over a pipe, not a port: Chromium exits by itself when the pipe closes, so even a Node
      // process killed with SIGKILL leaves no browser behind. puppeteer also closes it on these
      // signals and on exit.
      pipe: true,
      handleSIGINT: true,
      handleSIGTERM: true,
      handleSIGHUP: true,
    });
  } catch (cause) {
    rmSync(profile, { recursive: true, force: true });
    throw new BrowserUnavailableError(`${executablePath} did not start (${(cause as Error).message.split('\n')[0]})`, { cause });
  }
  // A process that ends without close() (an uncaught error, process.exit) still removes the profile.
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  process.once('exit', removeProfile);
  let closed: Promise<void> | undefined;
  return {
    browser,
    pid: browser.process()?.pid ?? null,
    profile,
    close: () =>
      (closed ??= (async () => {
        try {
          await browser.close();
        } catch {
          browser.process()?.kill('SIGKILL');
        } finally {
          process.removeListener('exit', removeProfile);
          removeProfile();
        }
      })()),
  };
}
