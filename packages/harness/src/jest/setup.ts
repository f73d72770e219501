/**
 * jest setup entry: `setupFilesAfterEnv: ['@prepguard/harness/jest-setup']` registers the
 * prepguard matchers (toMatchKerasInput) on jest's `expect`.
 */
import { matchers } from './matchers.js';

const expect = (globalThis as unknown as { expect?: { extend(m: object): void } }).expect;
if (!expect) throw new Error('@prepguard/harness/jest-setup must run inside jest (setupFilesAfterEnv)');
expect.extend(matchers);
