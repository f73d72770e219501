/** One self-contained HTML report of a check run: a summary table, then one section per image. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckReport, ImageResult } from '../check/types.js';
import { explainImage } from './explain.js';
import { renderVisuals, type ImageVisuals } from './visuals.js';

export interface HtmlReportOptions {
  title?: string;
}

/** An image result that may carry pre-rendered visuals (the jest reporter gets them from the run manifest). */
export type ReportImage = ImageResult & { visuals?: ImageVisuals | null };

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const n = (v: number | undefined | null, digits = 4) => (v === undefined || v === null ? '–' : Number(v.toPrecision(digits)).toString());

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1f2937;background:#fff}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:0} .muted{color:#6b7280}
table{border-collapse:collapse;margin:8px 0} th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600} td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px;text-transform:uppercase}
.pass{background:#dcfce7;color:#166534}.warn{background:#fef9c3;color:#854d0e}.fail{background:#fee2e2;color:#991b1b}.error{background:#ede9fe;color:#5b21b6}
section.image{border:1px solid #e5e7eb;border-radius:8px;padding:14px 16px;margin:18px 0}
.head{display:flex;gap:12px;align-items:center;margin-bottom:8px}
.pics{display:flex;gap:14px;flex-wrap:wrap;margin:10px 0}
figure{margin:0;text-align:center} figure>a{display:flex;width:192px;height:192px;align-items:center;justify-content:center;background:#f3f4f6;border:1px solid #e5e7eb}
figure img{display:block;width:192px;height:192px;object-fit:contain;image-rendering:pixelated;cursor:zoom-in}
figure.alpha img{background:repeating-conic-gradient(#d1d5db 0% 25%,#fff 0% 50%) 0 0/12px 12px}
figure:target>a{width:auto;height:auto;background:none;border:0}
figcaption{font-size:12px;color:#4b5563;margin-top:3px;max-width:192px} figure .close{display:none}
figure:target{position:fixed;inset:0;z-index:10;background:rgba(17,24,39,.88);display:flex;flex-direction:column;align-items:center;justify-content:center}
figure:target img{width:auto!important;height:82vh!important;max-width:90vw;cursor:default} figure:target figcaption{color:#f9fafb;max-width:none;font-size:14px}
figure:target .close{display:inline;color:#fff;margin-left:12px}
.notes{background:#fefce8;border-left:4px solid #eab308;padding:6px 12px;margin:10px 0}
.diag{background:#fff7ed;border-left:4px solid #f97316;padding:8px 12px;margin:10px 0}
.diag.ok{background:#f0fdf4;border-color:#22c55e}
code{background:#f3f4f6;padding:0 4px;border-radius:3px;font-size:12.5px}
pre{white-space:pre-wrap;background:#f9fafb;border:1px solid #e5e7eb;padding:8px;font-size:12.5px}
.legend span{display:inline-block;width:18px;height:3px;vertical-align:middle;margin:0 4px 0 10px}
`;

function summaryTable(report: CheckReport, images: ReportImage[]): string {
  const rows = images
    .map(
      (img) => `<tr><td><a href="#${esc(anchor(img.file))}">${esc(img.file)}</a></td><td><span class="badge ${img.status}">${img.status}</span></td>
<td>${img.top1 ? `${img.top1.reference.index} → ${img.top1.candidate?.index ?? '–'}` : '–'}</td>
<td class="num">${img.topK ? `${Math.round(img.topK.overlap * 100)}%` : '–'}</td>
<td class="num">${n(img.input?.maxAbsError)}</td>
<td>${img.diagnosis ? `<code>${esc(img.diagnosis.code)}</code>${img.diagnosis.also.map((a) => ` + <code>${esc(a.code)}</code>`).join('')}` : img.error ? `<code>${esc(img.error.code ?? img.error.name)}</code>` : '–'}</td>
<td>${(img.notes ?? []).map((note) => `<code>${esc(note.code ?? note.name)}</code>`).join(' ') || '–'}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>image</th><th>status</th><th>top-1 (ref → yours)</th><th>top-k overlap</th><th>input max abs error</th><th>diagnosis</th><th>notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function anchor(file: string): string {
  return `img-${file.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function topKTable(img: ReportImage): string {
  if (!img.topK) return '';
  const rows = img.topK.reference
    .map((r, i) => {
      const c = img.topK!.candidate[i];
      return `<tr><td class="num">${i + 1}</td><td>${r.index}${r.label ? ` ${esc(r.label)}` : ''}</td><td class="num">${n(r.probability)}</td><td>${c ? `${c.index}${c.label ? ` ${esc(c.label)}` : ''}` : '–'}</td><td class="num">${c ? n(c.probability) : '–'}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>#</th><th>Keras class</th><th>p</th><th>your class</th><th>p</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function layersTable(img: ReportImage): string {
  const entries = Object.entries(img.layers);
  if (!entries.length) return '';
  const rows = entries
    .map(
      ([name, l]) =>
        `<tr><td>${esc(name)}</td><td><span class="badge ${l.pass ? 'pass' : 'fail'}">${l.pass ? 'ok' : 'drift'}</span></td><td class="num">${(l.relError.mean * 100).toFixed(2)}%</td><td class="num">${(l.relError.std * 100).toFixed(2)}%</td><td class="num">${(l.relError.l2 * 100).toFixed(2)}%</td><td class="num">${l.channelMeanCosine.toFixed(5)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>layer</th><th></th><th>mean rel. err</th><th>std rel. err</th><th>L2 rel. err</th><th>channel-mean cosine</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Thumbnails that open at full size on click (CSS :target, no script: the page stays self-contained). */
function pictures(v: ImageVisuals | null | undefined, section: string): string {
  if (!v) return '';
  let k = 0;
  const fig = (src: string | null, caption: string, size?: [number, number] | null) => {
    if (!src) return '';
    const id = `${section}-fig${k++}`;
    // The golden picture is sized to its own aspect ratio, so the checkerboard shows only under transparent pixels.
    const scale = size ? 192 / Math.max(...size) : 0;
    const style = size ? ` style="width:${Math.round(size[0] * scale)}px;height:${Math.round(size[1] * scale)}px"` : '';
    return `<figure id="${esc(id)}"${size ? ' class="alpha"' : ''}><a href="#${esc(id)}" title="show full size"><img alt="${esc(caption)}" src="${src}"${style}></a><figcaption>${esc(caption)}<a class="close" href="#${esc(section)}">close ✕</a></figcaption></figure>`;
  };
  return `<div class="pics">${fig(v.golden, v.goldenTransparent ? 'golden image (transparent parts over a checkerboard: Keras drops alpha)' : 'golden image', v.goldenSize ?? null)}${fig(v.reference, 'Keras input (de-normalized)')}${fig(v.candidate, 'your input (de-normalized with the model\'s preprocessing)')}${fig(v.recovered, `your pixels, undoing ${v.recoveredVariant ?? ''}`)}${fig(v.diff, `abs difference (white = ${n(v.diffMax, 3)})`)}</div>
<div>${v.histograms}<div class="legend muted">value histograms per channel of the model input:<span style="background:#2563eb"></span>Keras<span style="background:#dc2626"></span>yours (dashed)</div></div>`;
}

function notesBlock(img: ReportImage): string {
  const notes = img.notes ?? [];
  if (!notes.length) return '';
  return `<div class="notes"><b>Beside the verdict:</b>${notes.map((note) => `<br><code>${esc(note.code ?? note.name)}</code> ${esc(note.message)}`).join('')}</div>`;
}

function imageSection(report: CheckReport, img: ReportImage): string {
  const d = img.diagnosis;
  const diag = d
    ? `<div class="diag"><b>Diagnosis: <code>${esc(d.code)}</code></b> at the <b>${esc(d.stage)}</b> stage${d.also.length ? ` (first divergence: ${esc(d.firstStage)})` : ''}: ${esc(d.title)}.<br>
<b>Evidence:</b> ${esc(d.evidence)}.<br><b>Fix:</b> ${esc(d.fix)}.${d.also.map((a) => `<br><b>Also <code>${esc(a.code)}</code>:</b> ${esc(a.title)}. <b>Fix:</b> ${esc(a.fix)}.`).join('')}</div>`
    : img.status === 'pass'
      ? '<div class="diag ok">Input, predictions and features match the reference.</div>'
      : '';
  const explanation = explainImage(img, report.tolerance);
  const section = anchor(img.file);
  return `<section class="image" id="${esc(section)}"><div class="head"><h2>${esc(img.file)}</h2><span class="badge ${img.status}">${img.status}</span>
<span class="muted">input max abs error ${n(img.input?.maxAbsError)} (≈ ${n(img.input?.maxAbsErrorLevels, 3)} pixel levels), mean ${n(img.input?.meanAbsError)}</span></div>
${diag}${notesBlock(img)}${pictures(img.visuals, section)}${topKTable(img)}${layersTable(img)}${explanation ? `<pre>${esc(explanation)}</pre>` : ''}</section>`;
}

/** Where the model under test came from: its model.json, or a model object the caller loaded. */
function modelOrigin(report: CheckReport): string {
  const source = report.model.source;
  return source.startsWith('<') ? `(a ${esc(report.model.kind)} model passed in memory)` : `from <code>${esc(source)}</code>`;
}

/** The HTML text of a report. Images carrying in-memory artifacts are rendered; pre-rendered visuals are used as is. */
export async function renderHtmlReport(report: CheckReport, options: HtmlReportOptions = {}): Promise<string> {
  const images: ReportImage[] = [];
  for (const img of report.images as ReportImage[]) {
    const visuals = img.visuals ?? (img.artifacts ? await renderVisuals(img.artifacts) : null);
    images.push(Object.assign({}, img, { visuals }));
  }
  const s = report.summary;
  const title = options.title ?? 'prepguard check report';
  const ref = report.reference;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(title)}</h1>
<p class="muted">${s.total} golden images · <b>${s.pass}</b> pass · <b>${s.warn}</b> warn · <b>${s.fail}</b> fail · <b>${s.error}</b> error ·
backend <code>${esc(report.backend)}</code>${report.backendFallback ? ` (tfjs-node failed: ${esc(report.backendFallback.message)})` : ''} · model <code>${esc(ref.model.name)}</code> ${modelOrigin(report)} · reference ${ref.file ? `<code>${esc(ref.file)}</code> ` : ''}recorded by ${esc(ref.producer.name)} (${esc(Object.entries(ref.producer.versions).map(([k, v]) => `${k} ${v}`).join(', '))}) ·
preprocessing <code>${esc(ref.preprocessing.mode)}</code>, ${esc(ref.preprocessing.interpolation)}, ${esc(ref.preprocessing.targetSize?.join('×') ?? 'original size')}</p>
<p><span class="badge ${report.ok ? 'pass' : 'fail'}">${report.ok ? 'ok' : 'drift'}</span></p>
${summaryTable(report, images)}
${images.map((img) => imageSection(report, img)).join('\n')}
</body></html>
`;
}

/** Writes the report to `file` (directories created). */
export async function writeHtmlReport(report: CheckReport, file: string, options: HtmlReportOptions = {}): Promise<void> {
  const html = await renderHtmlReport(report, options);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
}
