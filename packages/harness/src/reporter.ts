/**
 * jest reporter writing one self-contained HTML report of every describeGolden image:
 *   reporters: ['default', ['@prepguard/harness/reporter', { outputFile: 'reports/prepguard/report.html' }]]
 * It reads the run manifest that describeGolden writes (see jest/manifest.ts), never failure messages.
 */
import { join } from 'node:path';
import type { CheckReport, ImageResult } from './check/types.js';
import { clearManifest, manifestDir, readManifest, reportDir } from './jest/manifest.js';
import { writeHtmlReport, type ReportImage } from './report/html.js';

export interface PrepguardReporterOptions {
  /** Default: `<report dir>/report.html` (report dir: PREPGUARD_REPORT_DIR or reports/prepguard). */
  outputFile?: string;
  title?: string;
}

export default class PrepguardReporter {
  private readonly outputFile: string;
  private readonly title: string;
  private written: string | null = null;

  constructor(_globalConfig?: unknown, options: PrepguardReporterOptions = {}) {
    this.outputFile = options.outputFile ?? join(reportDir(), 'report.html');
    this.title = options.title ?? 'prepguard golden-image report';
  }

  /** Stale results of an earlier run must not leak into this report. */
  onRunStart(): void {
    clearManifest(manifestDir());
  }

  async onRunComplete(): Promise<void> {
    const entries = readManifest(manifestDir());
    if (entries.length === 0) return;
    const suites = new Set(entries.map((e) => e.suite));
    const images: ReportImage[] = entries.map((e) => ({
      ...(e.image as ImageResult),
      file: suites.size > 1 ? `${e.suite} › ${e.image.file}` : e.image.file,
      visuals: e.visuals,
    }));
    const summary = { pass: 0, warn: 0, fail: 0, error: 0, total: images.length };
    for (const img of images) summary[img.status]++;
    const first = entries[0]!.run;
    const report: CheckReport = { ...first, ok: summary.fail + summary.error === 0, summary, inference: { runs: 0, cached: 0 }, images };
    await writeHtmlReport(report, this.outputFile, { title: this.title });
    this.written = this.outputFile;
    process.stderr.write(`prepguard: HTML report written to ${this.outputFile}\n`);
  }

  getLastError(): Error | undefined {
    return undefined;
  }

  /** Where the last report was written (null before onRunComplete). */
  get reportFile(): string | null {
    return this.written;
  }
}
