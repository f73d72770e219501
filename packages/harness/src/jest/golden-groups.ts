/**
 * Splitting a large golden set across CI machines. jest's `--shard=i/n` distributes test FILES,
 * and describeGolden declares every image of a reference in one file, so a large set is split
 * into groups, one test file per group:
 *
 *   // golden-1.test.ts … golden-4.test.ts, each with its own group number
 *   describeGolden('VGG16 (group 1 of 4)', { ...options, only: goldenGroup(reference, 1, 4) });
 *
 * and each CI machine runs `jest --shard=i/n`. The groups partition the reference's images, so the
 * shards together check every image exactly once, whatever test file jest gives which shard.
 */
import type { Reference } from '../reference/types.js';
import { readReference, validateReference } from '../reference/validate.js';

/**
 * The golden files of group `group` (1-based) of `groups`: every `groups`-th file of the
 * reference's images sorted by name, so groups differ in size by at most one and a new image
 * lands in one group only.
 */
export function goldenGroup(reference: string | Reference, group: number, groups: number): string[] {
  if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`goldenGroup: groups must be a positive integer, got ${groups}`);
  if (!Number.isInteger(group) || group < 1 || group > groups) throw new RangeError(`goldenGroup: group must be 1..${groups}, got ${group}`);
  const ref = typeof reference === 'string' ? readReference(reference) : validateReference(reference);
  return ref.images
    .map((img) => img.file)
    .sort()
    .filter((_, i) => i % groups === group - 1);
}
