// One Python file or notebook: parse, interpret, and report in the file's own coordinates
// (a notebook finding names its cell and line, and points at that line of the .ipynb file).
import path from 'node:path';
import { pythonFindings, type PythonRule } from './findings.js';
import { PythonInterpreter, type PyExport } from './interpreter.js';
import { readNotebook, type NotebookLine } from './notebook.js';
import { withPythonTree, type PyNode } from './parser.js';

export const PYTHON_EXTENSIONS = ['.py', '.ipynb'] as const;

export function isPythonFile(file: string): boolean {
  return (PYTHON_EXTENSIONS as readonly string[]).includes(path.extname(file));
}

/**
 * The early exit, as for JS/TS (engine/relevance.ts): a file that names none of these can reach no Keras
 * model, no preprocessing and no export, so it is not parsed at all.
 */
const RELEVANT = /keras|preprocess_input|ImageDataGenerator|tensorflowjs|cv2|PIL|load_img|Rescaling/;

export interface PythonLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** "line 12", or "cell 3, line 2" in a notebook. */
  label: string;
}

export interface PythonFileFinding {
  rule: PythonRule;
  message: string;
  location: PythonLocation;
  /** The file line of the model call the message names. */
  modelCallLine?: number;
}

/** A model the file saves or converts, with where its training preprocessing was decided. */
export interface PythonExport {
  path: string;
  /** Keras mode of the data it was trained with, when known. */
  mode?: 'caffe' | 'tf' | 'torch' | 'raw' | 'unit';
  modelName?: string;
  decidedAt?: PythonLocation;
}

export interface PythonFileResult {
  findings: PythonFileFinding[];
  exports: PythonExport[];
  /** False when the early exit skipped the file. */
  parsed: boolean;
}

interface Coordinates {
  python: string;
  locate: (row: number, column: number) => { line: number; column: number; label: string };
}

function coordinates(file: string, text: string): Coordinates {
  if (path.extname(file) !== '.ipynb') {
    return { python: text, locate: (row, column) => ({ line: row + 1, column: column + 1, label: `line ${row + 1}` }) };
  }
  const notebook = readNotebook(file, text);
  const at = (row: number): NotebookLine => notebook.lines[row] ?? notebook.lines[notebook.lines.length - 1] ?? { cell: 1, lineInCell: 1, fileLine: 1 };
  return {
    python: notebook.python,
    // The column is only meaningful in the cell; in the .ipynb file the line is the JSON string holding it.
    locate: (row, column) => {
      const line = at(row);
      return { line: line.fileLine, column: column + 1, label: `cell ${line.cell}, line ${line.lineInCell}` };
    },
  };
}

const RANGE_TO_MODE = { caffe: 'caffe', symmetric: 'tf', torch: 'torch', unit: 'unit', raw: 'raw' } as const;

/** What the exported model was trained with: the data `fit` saw, else what its pretrained base expects. */
function trainingOf(exported: PyExport): { mode: PythonExport['mode']; at: PyNode } | undefined {
  const { model } = exported;
  const trained = model.trainedWith?.value;
  const mode = trained ? RANGE_TO_MODE[trained.range as keyof typeof RANGE_TO_MODE] : undefined;
  if (trained && mode && (trained.range !== 'raw' || trained.fromSource)) {
    const decisive = [...trained.steps].reverse().find((s) => s.kind !== 'flip');
    return { mode, at: decisive ? (decisive.node as unknown as PyNode) : model.decidedAt };
  }
  if (model.info) return { mode: model.info.normalizesInside ? 'raw' : model.info.mode, at: model.decidedAt };
  return undefined;
}

export async function analyzePythonFile(file: string, text: string, options: { force?: boolean } = {}): Promise<PythonFileResult> {
  const notebook = path.extname(file) === '.ipynb';
  if (!options.force && !notebook && !RELEVANT.test(text)) return { findings: [], exports: [], parsed: false };
  // A notebook is read (and a broken one reported) before the early exit looks at its code.
  const { python, locate } = coordinates(file, text);
  if (!options.force && !RELEVANT.test(python)) return { findings: [], exports: [], parsed: false };
  return withPythonTree(file, python, (root) => {
    const result = new PythonInterpreter(file).run(root);
    const locationOf = (node: PyNode): PythonLocation => {
      const start = locate(node.startPosition.row, node.startPosition.column);
      const end = locate(node.endPosition.row, node.endPosition.column);
      return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, label: start.label };
    };
    const lineLabel = (node: PyNode) => locationOf(node).label;
    const findings = pythonFindings(result, { lineLabel }).map((finding): PythonFileFinding => {
      const location = locationOf(finding.node);
      const message = notebook ? `Cell ${location.label.replace(/^cell /, '')}: ${finding.message}` : finding.message;
      const entry: PythonFileFinding = { rule: finding.rule, message, location };
      if (finding.modelCall) entry.modelCallLine = locationOf(finding.modelCall).line;
      return entry;
    });
    const exports = result.exports.map((exported): PythonExport => {
      const training = trainingOf(exported);
      const entry: PythonExport = { path: exported.path };
      if (training?.mode) {
        entry.mode = training.mode;
        entry.decidedAt = locationOf(training.at);
      }
      if (exported.model.info) entry.modelName = exported.model.info.name;
      return entry;
    });
    return { findings, exports: [...exports, ...converterExports(python, exports)], parsed: true };
  });
}

/**
 * `tensorflowjs_converter --input_format keras model.h5 web_model/` (a notebook `!` line or a subprocess
 * string): the converted directory serves the same model as the file it was converted from.
 */
function converterExports(python: string, saved: PythonExport[]): PythonExport[] {
  const converted: PythonExport[] = [];
  for (const match of python.matchAll(/tensorflowjs_converter\b([^\n'"]*)/g)) {
    const tokens = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
    const positional: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (token.startsWith('--')) {
        if (!token.includes('=')) i++;
      } else positional.push(token);
    }
    const [input, output] = positional;
    const source = input && saved.find((s) => path.normalize(s.path) === path.normalize(input));
    if (source && output) converted.push({ ...source, path: output });
  }
  return converted;
}
