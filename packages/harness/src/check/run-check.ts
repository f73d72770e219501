import { CheckSession } from './session.js';
import type { CheckOptions, CheckReport, ImageResult } from './types.js';

/**
 * Runs every golden image of the reference through the pipeline and the model and compares with
 * the reference. Per-image faults are reported in the result and never stop the run; only a run
 * that cannot start (unreadable reference, model not loadable or not the recorded one, pipeline
 * module missing) throws.
 */
export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const session = await CheckSession.open(options);
  try {
    const files = options.only ?? session.files;
    const images: ImageResult[] = [];
    for (const file of files) {
      images.push(await session.checkImage(file));
      options.onProgress?.(images.length, files.length, file);
    }
    return session.report(images);
  } finally {
    await session.dispose();
  }
}
