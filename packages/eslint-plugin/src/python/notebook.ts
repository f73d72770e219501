// Jupyter notebooks: the code cells, joined into one Python source (cells of a notebook share one namespace,
// like one script), with a map from each line back to its cell and to its line in the .ipynb file.

/** The .ipynb file is not a notebook the audit can read (not JSON, or no list of cells). */
export class NotebookFormatError extends Error {
  constructor(
    readonly file: string,
    cause: string,
  ) {
    super(`Cannot read ${file} as a Jupyter notebook: ${cause}`);
    this.name = 'NotebookFormatError';
  }
}

export interface NotebookLine {
  /** 1-based position of the cell among all cells of the notebook, as Jupyter shows them. */
  cell: number;
  /** 1-based line inside the cell. */
  lineInCell: number;
  /** 1-based line of the .ipynb file holding this source line (so SARIF viewers open the right spot). */
  fileLine: number;
}

export interface NotebookSource {
  /** The code cells, one after the other; IPython magics and shell escapes are turned into comments. */
  python: string;
  /** Entry i describes line i + 1 of `python`. */
  lines: NotebookLine[];
}

interface RawCell {
  cell_type?: unknown;
  source?: unknown;
}

function cellText(cell: RawCell): string[] {
  const source = cell.source;
  const text = Array.isArray(source) ? source.filter((part): part is string => typeof part === 'string').join('') : typeof source === 'string' ? source : '';
  return text.split(/\r?\n/);
}

/** `%matplotlib inline`, `!pip install x`, `%%time` are IPython, not Python. */
function neutralizeMagic(line: string): string {
  return /^\s*[%!]/.test(line) ? `#${line}` : line;
}

/** Finds where each source line sits in the .ipynb text, searching forward so repeated lines resolve in order. */
function locateInFile(fileText: string, lineStarts: number[], cursor: { offset: number }, line: string, fallback: number): number {
  const needle = JSON.stringify(line).slice(1, -1);
  if (needle.length === 0) return fallback;
  const at = fileText.indexOf(needle, cursor.offset);
  if (at < 0) return fallback;
  cursor.offset = at + needle.length;
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

export function readNotebook(file: string, fileText: string): NotebookSource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText);
  } catch (error) {
    throw new NotebookFormatError(file, `not valid JSON (${(error as Error).message})`);
  }
  const cells = (parsed as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) throw new NotebookFormatError(file, 'it has no "cells" list (only nbformat 4 notebooks are read)');

  const lineStarts = [0];
  for (let i = 0; i < fileText.length; i++) if (fileText.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const cursor = { offset: 0 };
  const python: string[] = [];
  const lines: NotebookLine[] = [];
  let lastFileLine = 1;
  cells.forEach((cell: RawCell, index) => {
    if (cell?.cell_type !== 'code') return;
    cellText(cell).forEach((line, i) => {
      python.push(neutralizeMagic(line));
      // Blank lines cannot be searched for; they borrow the line of the source line before them.
      lastFileLine = locateInFile(fileText, lineStarts, cursor, line, lastFileLine);
      lines.push({ cell: index + 1, lineInCell: i + 1, fileLine: lastFileLine });
    });
  });
  return { python: python.join('\n'), lines };
}
