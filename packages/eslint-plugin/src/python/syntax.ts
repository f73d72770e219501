// Reading tree-sitter's Python syntax tree: fields, children, dotted names and literals.
import type { ArithOp } from '../engine/transfer.js';
import type { Operand } from '../engine/constants.js';
import type { PyNode } from './parser.js';

export function field(node: PyNode, name: string): PyNode | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function named(node: PyNode): PyNode[] {
  return node.namedChildren.filter((c): c is PyNode => c !== null && c.type !== 'comment');
}

/** The dotted text of `a.b.c` (identifiers and attributes only). */
export function dottedText(node: PyNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = field(node, 'object');
    const attribute = field(node, 'attribute');
    const head = object && dottedText(object);
    return head && attribute ? `${head}.${attribute.text}` : undefined;
  }
  return undefined;
}

/** Numeric literal text as Python reads it (`255.`, `1e-3`, `1_000`). */
export function numberLiteral(text: string): number | undefined {
  const value = Number(text.replace(/_/g, '').replace(/[jJ]$/, ''));
  return Number.isFinite(value) ? value : undefined;
}

export function arithOp(operator: string): ArithOp | undefined {
  return operator === '/' || operator === '/=' ? 'div' : operator === '*' || operator === '*=' ? 'mul' : operator === '-' || operator === '-=' ? 'sub' : operator === '+' || operator === '+=' ? 'add' : undefined;
}

export function combine(a: Operand, b: Operand, op: ArithOp): Operand | undefined {
  const f = (x: number, y: number) => (op === 'add' ? x + y : op === 'sub' ? x - y : op === 'mul' ? x * y : x / y);
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: f(a.value, b.value) };
  if (a.kind === 'vector' && b.kind === 'scalar') return { kind: 'vector', values: a.values.map((v) => f(v, b.value)) };
  if (a.kind === 'scalar' && b.kind === 'vector') return { kind: 'vector', values: b.values.map((v) => f(a.value, v)) };
  return undefined;
}

/** The text of a plain string literal, or undefined for f-strings, concatenations and non-strings. */
export function stringText(node: PyNode | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (named(node).some((c) => c.type === 'interpolation')) return undefined;
  const content = named(node).find((c) => c.type === 'string_content');
  return content ? content.text : '';
}

export function lastSegment(text: string): string {
  return text.split('.').pop()?.replace(/['"]/g, '') ?? text;
}
