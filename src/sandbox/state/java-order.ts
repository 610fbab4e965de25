/**
 * Iteration order of a default `java.util.HashSet<String>` (capacity 16, load factor 0.75,
 * doubling), used where Elasticsearch's answer order is that of a HashSet.
 * Bucket = spread(String.hashCode()) & (capacity - 1), with spread(h) = h ^ (h >>> 16)
 * (java.util.HashMap.hash); entries sharing a bucket keep insertion order (a resize splits
 * buckets preserving relative order, and treeified buckets need 8+ collisions, ignored here).
 */

/** `java.lang.String.hashCode` over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The order a HashSet filled with `inserted` (in that order) iterates in. */
export function javaHashSetOrder(inserted: Iterable<string>): string[] {
  const uniq = [...new Set(inserted)];
  let capacity = 16;
  while (uniq.length > capacity * 0.75) capacity *= 2;
  const bucket = (s: string): number => {
    const h = javaStringHash(s);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return uniq.map((s, i) => ({ s, i, b: bucket(s) })).sort((x, y) => x.b - y.b || x.i - y.i).map((x) => x.s);
}
