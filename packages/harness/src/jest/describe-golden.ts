import { existsSync } from 'node:fs';
import { browserUnavailableReason } from '../browser/chromium.js';
import { CheckSession } from '../check/session.js';
import type { CheckOptions } from '../check/types.js';
import { ReferenceFileError } from '../errors.js';
import { recordReference, type RecordOptions } from '../record.js';
import { readReference } from '../reference/validate.js';
import { isCI } from '../reference/write.js';
import { explainImage } from '../report/explain.js';
import { renderVisuals } from '../report/visuals.js';
import { jestGlobals } from './globals.js';
import { writeManifestEntry } from './manifest.js';

export interface DescribeGoldenOptions extends Omit<CheckOptions, 'onProgress' | 'collectArtifacts'> {
  /**
   * Only these golden files (names as in the reference), e.g. `goldenGroup(reference, 2, 4)`: one
   * test file per group lets `jest --shard` split a large golden set (jest shards by test file).
   */
  only?: string[];
  /**
   * How to record the reference when the file is missing, outside CI only (like a new jest
   * snapshot). Under CI (the CI environment variable, or `ci: true`) a missing reference fails.
   */
  record?: Omit<RecordOptions, 'model' | 'out' | 'force'>;
  /** Treat the run as CI: never record a missing reference. Default: the CI environment variable. */
  ci?: boolean;
  /** Write per-image results for the HTML reporter (`@prepguard/harness/reporter`). Default true. */
  report?: boolean;
  /** Per-test jest timeout in ms. Default: timeoutMs + 60 s. */
  testTimeoutMs?: number;
}

class GoldenImageDrift extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoldenImageDrift';
  }
}

/**
 * Declares one jest test per golden image of the reference, named by file. Each runs the image
 * through the pipeline and the model and fails with an explanation (expected, got, likely mistake,
 * fix, the tolerance that would have passed) when it drifts from the reference.
 */
export function describeGolden(title: string, options: DescribeGoldenOptions): void {
  const { describe, test, beforeAll, afterAll, expect } = jestGlobals();
  const timeout = options.testTimeoutMs ?? (options.timeoutMs ?? 30_000) + 60_000;
  const refPath = typeof options.reference === 'string' ? options.reference : null;

  describe(title, () => {
    if (refPath && !existsSync(refPath)) {
      const ci = options.ci ?? isCI();
      if (ci || !options.record) {
        test(`reference ${refPath}`, () => {
          throw new ReferenceFileError(
            refPath,
            ci
              ? 'is missing, and references are never written under CI (like jest snapshots with --ci). Record it locally (scripts/record_reference.py or `prepguard record`) and commit it.'
              : 'is missing. Record it with scripts/record_reference.py (real Keras) or `prepguard record`, or pass `record: { preprocess, images }` to describeGolden to record it on the first run.',
          );
        });
        return;
      }
      test(`records the missing reference ${refPath}`, async () => {
        await recordReference({ ...options.record!, model: options.model as RecordOptions['model'], out: refPath });
      }, timeout);
      return;
    }

    if (options.environment === 'browser') {
      const missing = browserUnavailableReason();
      if (missing && !(options.ci ?? isCI())) {
        // Skipped, not failed, on a machine without a browser; under CI the session's open fails instead.
        test.skip(`browser check skipped: no headless browser (${missing}); install Chromium (apt-get install chromium) or set PREPGUARD_CHROMIUM`, () => undefined);
        return;
      }
    }

    let files: string[];
    try {
      files = (refPath ? readReference(refPath) : (options.reference as Exclude<CheckOptions['reference'], string>)).images.map((img) => img.file);
      if (options.only) {
        const known = new Set(files);
        const unknown = options.only.filter((file) => !known.has(file));
        if (unknown.length) throw new ReferenceFileError(refPath ?? '<reference>', `has no image named ${unknown.join(', ')} (given in \`only\`)`);
        files = files.filter((file) => options.only!.includes(file));
      }
    } catch (error) {
      test(`reference ${refPath ?? '<object>'}`, () => {
        throw error;
      });
      return;
    }

    let session: CheckSession | undefined;
    let openError: unknown;
    const writeReport = options.report ?? true;
    beforeAll(async () => {
      try {
        session = await CheckSession.open({ ...options, collectArtifacts: writeReport });
      } catch (error) {
        openError = error;
      }
    }, timeout);
    afterAll(() => session?.dispose());

    for (const file of files) {
      test(file, async () => {
        if (!session) throw openError;
        const result = await session.checkImage(file);
        if (writeReport) {
          const report = session.report([result]);
          const { images: _images, summary: _summary, ok: _ok, inference: _inference, ...run } = report;
          writeManifestEntry({
            version: 1,
            suite: title,
            testPath: expect?.getState?.().testPath ?? null,
            run,
            image: result,
            visuals: result.artifacts ? await renderVisuals(result.artifacts) : null,
          });
        }
        if (result.status === 'fail' || result.status === 'error') throw new GoldenImageDrift(explainImage(result, session.tolerance));
      }, timeout);
    }
  });
}
