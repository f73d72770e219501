// Browser scripts without modules share one global scope per page: `predict.js` may call `preprocess()` or
// read `model` that another `<script src>` of the same HTML page declared at its top level. The pages are the
// project's HTML files (templates included); their script order does not matter for functions called later.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findLocal, type ExportTarget } from './exports.js';
import { loadImportedFile } from './file-context.js';
import { projectFiles, projectRoot } from './project-files.js';

const SCRIPT_SRC = /<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
/** Template helpers in a src attribute: `{{ url_for('static', filename='js/predict.js') }}`. */
const TEMPLATE_FILENAME = /filename\s*=\s*['"]([^'"]+)['"]/;

/** The local scripts a page includes, in order, resolved to files of the project. */
function scriptsOf(page: string, scripts: readonly string[]): string[] {
  let html: string;
  try {
    html = readFileSync(page, 'utf8');
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const match of html.matchAll(SCRIPT_SRC)) {
    let src = (match[1] ?? match[2] ?? '').trim();
    const templated = TEMPLATE_FILENAME.exec(src);
    if (templated) src = templated[1] as string;
    if (!src || /^([a-z]+:)?\/\//i.test(src) || src.includes('{{')) continue; // CDN or unresolvable
    const wanted = src.replace(/[?#].*$/, '').split('/').filter((s) => s && s !== '.' && s !== '..');
    // The file whose trailing path segments match the src best (servers map /static/, /public/ to folders).
    let best: { file: string; matched: number } | undefined;
    for (const script of scripts) {
      const have = script.split(path.sep);
      let matched = 0;
      while (matched < wanted.length && wanted[wanted.length - 1 - matched] === have[have.length - 1 - matched]) matched++;
      if (matched > 0 && (!best || matched > best.matched)) best = { file: script, matched };
    }
    if (best) found.push(best.file);
  }
  return found;
}

const pagesCache = new Map<string, string[][]>();

/** The script lists of every page of the project. */
function pagesOf(root: string): string[][] {
  const cached = pagesCache.get(root);
  if (cached) return cached;
  const { html, scripts } = projectFiles(root);
  const pages = html.map((page) => scriptsOf(page, scripts)).filter((list) => list.length > 1);
  pagesCache.set(root, pages);
  return pages;
}

/** A top-level declaration named `name` in another script of a page that includes `fromFile`. */
export function pageGlobal(fromFile: string, name: string): ExportTarget | undefined {
  if (!/\.(m|c)?jsx?$/i.test(fromFile)) return undefined;
  const pages = pagesOf(projectRoot(fromFile)).filter((list) => list.includes(fromFile));
  for (const list of pages) {
    for (const other of list) {
      if (other === fromFile) continue;
      const context = loadImportedFile(other);
      const target = context ? findLocal(context, name) : undefined;
      if (target) return target;
    }
  }
  return undefined;
}
