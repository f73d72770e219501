/**
 * The ESLint options module behind `prepguard audit --concurrency`: ESLint's worker threads import
 * it (ESLint.fromOptionsModule) to build the same configuration as the main thread, from the JSON
 * params in this module's URL (`?params=...`).
 */
import { ownAuditEslintOptions, type AuditEslintParams } from './eslint-config.js';

const params = JSON.parse(new URL(import.meta.url).searchParams.get('params') ?? 'null') as AuditEslintParams | null;
if (params === null) throw new Error('eslint-options-module.js needs ?params=<JSON> in its URL');

export default await ownAuditEslintOptions(params);
