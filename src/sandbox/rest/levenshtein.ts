/**
 * Lucene's `LevenshteinDistance.getDistance` (a similarity in [0,1], computed in float),
 * used by `BaseRestHandler.unrecognized` for the "did you mean" suffix (docs §5.3).
 */
export function levenshteinSimilarity(target: string, other: string): number {
  const n = target.length;
  const m = other.length;
  if (n === 0 || m === 0) return n === m ? 1 : 0;
  let p: number[] = new Array<number>(n + 1);
  let d: number[] = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) p[i] = i;
  for (let j = 1; j <= m; j++) {
    const tj = other[j - 1];
    d[0] = j;
    for (let i = 1; i <= n; i++) {
      const cost = target[i - 1] === tj ? 0 : 1;
      d[i] = Math.min(Math.min(d[i - 1]! + 1, p[i]! + 1), p[i - 1]! + cost);
    }
    const swap = p;
    p = d;
    d = swap;
  }
  return Math.fround(1 - Math.fround(p[n]! / Math.max(m, n)));
}
