/**
 * describeGolden with `environment: 'browser'`: one jest test per golden image, the pipeline run in
 * headless Chromium; and, on a machine without a browser, one skipped test that says why.
 */
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { describeGolden } from '../src/jest/describe-golden.js';
import { kerasVgg16, REPO_ROOT } from './helpers/models.js';

const keras = await kerasVgg16();
const options = {
  pipeline: join(REPO_ROOT, 'examples/browser-pipelines/correct.ts'),
  environment: 'browser' as const,
  model: keras.modelJson,
  reference: keras.reference,
  images: keras.images,
  only: ['exif-orientation-6.jpg'],
  report: false,
};

describeGolden('the correct browser pipeline, in Chromium', options);

describe('without a browser', () => {
  const saved = process.env.PREPGUARD_CHROMIUM;
  process.env.PREPGUARD_CHROMIUM = '/nonexistent/chromium';
  const skip = jest.spyOn(test, 'skip').mockImplementation(() => undefined);
  let declared: unknown[] = [];
  try {
    describeGolden('skipped outside CI', { ...options, ci: false });
    declared = skip.mock.calls.map((call) => call[0]);
  } finally {
    skip.mockRestore();
    if (saved === undefined) delete process.env.PREPGUARD_CHROMIUM;
    else process.env.PREPGUARD_CHROMIUM = saved;
  }
  test('declares one skipped test naming the missing browser and how to install one', () => {
    expect(declared).toEqual([
      'browser check skipped: no headless browser (PREPGUARD_CHROMIUM=/nonexistent/chromium is not an executable file); install Chromium (apt-get install chromium) or set PREPGUARD_CHROMIUM',
    ]);
  });
});
