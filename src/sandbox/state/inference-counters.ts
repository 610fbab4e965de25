/**
 * Per-deployment `_infer` counters reported in `_stats` node entries (docs §11.5):
 * every inferred document counts in `inference_count`; a document seen before counts a cache
 * hit unless the deployment was started with `cache_size` 0 (3rd_party_deployment.yml
 * "Test start and stop deployment with cache" @07944097: three calls, one repeated → 3 and 1).
 * Kept beside the assignment (a WeakMap), so a stopped or reset deployment drops its counters.
 */
import type { Assignment } from './assignments';

interface Counters {
  inferenceCount: number;
  cacheHits: number;
  lastAccess: number | undefined;
  seen: Set<string>;
}

const counters = new WeakMap<Assignment, Counters>();

function of(a: Assignment): Counters {
  let c = counters.get(a);
  if (!c) {
    c = { inferenceCount: 0, cacheHits: 0, lastAccess: undefined, seen: new Set() };
    counters.set(a, c);
  }
  return c;
}

/** ByteSizeValue "0", "0b", "0kb"…: the cache is off. */
function cacheDisabled(a: Assignment): boolean {
  return a.cache_size !== undefined && /^0+(\.0+)?[a-z]*$/i.test(a.cache_size.trim());
}

export function recordInference(a: Assignment, docKey: string, now = Date.now()): void {
  const c = of(a);
  c.inferenceCount++;
  c.lastAccess = now;
  if (cacheDisabled(a)) return;
  if (c.seen.has(docKey)) c.cacheHits++;
  else c.seen.add(docKey);
}

export function inferenceCounters(a: Assignment): { inferenceCount: number; cacheHits: number; lastAccess: number | undefined } {
  const c = counters.get(a);
  return c ? { inferenceCount: c.inferenceCount, cacheHits: c.cacheHits, lastAccess: c.lastAccess } : { inferenceCount: 0, cacheHits: 0, lastAccess: undefined };
}

/** `POST …/deployment/cache/_clear`: the cached inputs are forgotten, the counts stay (docs §11.5). */
export function clearInferenceCache(a: Assignment): void {
  counters.get(a)?.seen.clear();
}
