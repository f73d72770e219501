/**
 * Failure messages that read like a colleague explaining: what was expected, what came, the likely
 * mistake, the fix, pipeline notes (leak, dtype, slowness), and what was measured.
 */
import type { CheckReport, ImageResult } from '../check/types.js';
import type { Tolerance } from '../compare/tolerance.js';

function cls(e: { index: number; label: string | null; probability: number } | null): string {
  if (!e) return 'nothing';
  return `class ${e.index}${e.label ? ` (${e.label})` : ''} at p=${e.probability.toFixed(4)}`;
}

function num(n: number): string {
  return n === 0 ? '0' : Math.abs(n) >= 0.01 && Math.abs(n) < 1e5 ? String(Number(n.toPrecision(4))) : n.toExponential(2);
}

/** A multi-line explanation of one image's result (empty for a pass). */
export function explainImage(result: ImageResult, tolerance: Tolerance): string {
  if (result.status === 'pass') return '';
  const lines: string[] = [];
  const verdict = { warn: 'passes with a warning', fail: 'drifted from the reference', error: 'could not be checked', pass: '' }[result.status];
  lines.push(`${result.file} ${verdict}.`);
  if (result.error) lines.push(`  Error: ${result.error.name}: ${result.error.message}`);
  if (result.top1) {
    const t = result.top1;
    lines.push(
      t.pass
        ? `  Top-1 still matches: ${cls(t.reference)}.`
        : `  Expected top-1 ${cls(t.reference)} as Keras recorded; your pipeline's input gave ${cls(t.candidate)}.`,
    );
  }
  if (result.topK && !result.topK.pass) {
    lines.push(`  Top-${result.topK.k} overlap is ${(result.topK.overlap * 100).toFixed(0)}% (needs ${(tolerance.minTopKOverlap * 100).toFixed(0)}%).`);
  }
  for (const [name, layer] of Object.entries(result.layers)) {
    if (layer.pass) continue;
    lines.push(
      `  Layer ${name}: mean/std/L2 off by ${(layer.relError.mean * 100).toFixed(1)}% / ${(layer.relError.std * 100).toFixed(1)}% / ${(layer.relError.l2 * 100).toFixed(1)}%` +
        ` (allowed ${(tolerance.layerRelError * 100).toFixed(1)}%), channel-mean cosine ${layer.channelMeanCosine.toFixed(4)} (needs ≥ ${tolerance.layerMinCosine}).`,
    );
  }
  if (result.input && !result.input.pass) {
    lines.push(
      `  The model input differs from what Keras computes from the same bytes: max abs error ${num(result.input.maxAbsError)}` +
        ` (≈ ${num(result.input.maxAbsErrorLevels)} pixel levels), mean ${num(result.input.meanAbsError)}.`,
    );
  }
  const d = result.diagnosis;
  if (d) {
    if (d.code === 'unknown') {
      lines.push(`  No known mistake explains it (${d.evidence}); it first diverges at the ${d.stage} stage.`);
    } else {
      lines.push(`  Likely mistake [${d.code}]: ${d.title}.`);
      lines.push(`  Evidence: ${d.evidence}.`);
      for (const also of d.also) lines.push(`  Also [${also.code}]: ${also.title}.`);
      if (d.also.length) lines.push(`  It first diverges at the ${d.firstStage} stage.`);
    }
    lines.push(`  Fix: ${d.fix}.`);
    for (const also of d.also) lines.push(`  Fix [${also.code}]: ${also.fix}.`);
  } else if (result.input?.pass && result.top1 && !result.top1.pass) {
    lines.push('  The model input matches Keras, so the difference comes from the model or the backend (wrong weights file, a different export, or backend precision).');
  }
  if (result.referenceParity && !result.referenceParity.match) lines.push(`  Note: ${result.referenceParity.detail}.`);
  for (const note of result.notes ?? []) lines.push(`  Note [${note.code ?? note.name}]: ${note.message}.`);
  const measured = measuredTolerance(result);
  if (measured) lines.push(`  Measured on this image (the tolerance at which it would pass): ${measured}.`);
  return lines.join('\n');
}

/**
 * The measured values of the checks that failed, i.e. the tolerance at which the image would pass.
 * Only where it tells something: when the top-1 class changed, no tolerance makes the image pass,
 * and listing one would read as advice to loosen it.
 */
export function measuredTolerance(result: ImageResult): string | null {
  if (result.top1 && !result.top1.pass) return null;
  const mp = result.minimumPassing;
  const would: string[] = [];
  if (mp.inputMaxAbsError !== undefined && result.input && !result.input.pass) would.push(`inputMaxAbsError ${num(mp.inputMaxAbsError)}`, `inputMeanAbsError ${num(mp.inputMeanAbsError ?? 0)}`);
  if (mp.layerRelError !== undefined && Object.values(result.layers).some((l) => !l.pass)) {
    would.push(`layerRelError ${num(mp.layerRelError)}`, `layerMinCosine ${num(mp.layerMinCosine ?? 1)}`);
  }
  if (mp.minTopKOverlap !== undefined && result.topK && !result.topK.pass) would.push(`minTopKOverlap ${num(mp.minTopKOverlap)}`);
  return would.length ? would.join(', ') : null;
}

/** A short summary of a whole report for the terminal. */
export function summarize(report: CheckReport): string {
  const s = report.summary;
  const head = `prepguard: ${s.total} golden image${s.total === 1 ? '' : 's'} on ${report.backend}: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.error} error`;
  const fallback = report.backendFallback ? [`(${report.backend} because tfjs-node failed: ${report.backendFallback.message})`] : [];
  const details = report.images.map((img) => explainImage(img, report.tolerance)).filter(Boolean);
  return [[head, ...fallback].join('\n'), ...details].join('\n\n');
}
