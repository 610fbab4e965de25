/**
 * `BaseRestHandler.unrecognized` (docs §5.3; `BaseRestHandler.java`
 * @01195333) and the Lucene similarity it ranks suggestions with.
 *
 *   request [<path>] contains unrecognized parameter: [x] -> did you mean [c]?
 *   request [<path>] contains unrecognized parameters: [x], [y] -> did you mean any of [c1, c2]?
 *
 * - `<path>` is `request.path()`: the WHOLE raw path (query removed) decoded
 *   once with `decodeComponent` — `%2F` shows as `/`, `+` stays `+`, trailing
 *   slashes are kept.
 * - The unrecognized names come from a `TreeSet`: sorted by UTF-16 code unit.
 * - For each, candidates (consumed parameters plus the handler's response
 *   parameters) with similarity > 0.5f are listed by similarity, highest
 *   first, then by name; Java's `List.toString` renders them `[a, b]`.
 */
import { EsRejection } from '../errors';
import { illegalArgument } from './rejections';

/**
 * `org.apache.lucene.search.spell.LevenshteinDistance#getDistance`
 * (lucene/suggest, @8ee7fc5c): 1 - editDistance / max(length), computed in
 * 32-bit float as Java does (`Math.fround`), over UTF-16 code units. Two empty
 * strings are 1; one empty string is 0.
 */
export function levenshteinSimilarity(target: string, other: string): number {
  const n = target.length;
  const m = other.length;
  if (n === 0 || m === 0) return n === m ? 1 : 0;
  let previous = new Array<number>(n + 1);
  let current = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) previous[i] = i;
  for (let j = 1; j <= m; j++) {
    const tj = other.charCodeAt(j - 1);
    current[0] = j;
    for (let i = 1; i <= n; i++) {
      const cost = target.charCodeAt(i - 1) === tj ? 0 : 1;
      current[i] = Math.min(current[i - 1]! + 1, previous[i]! + 1, previous[i - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return Math.fround(1 - Math.fround(previous[n]! / Math.max(m, n)));
}

const SUGGESTION_THRESHOLD = Math.fround(0.5);

/** Candidates for one unrecognized name, in the order ES prints them. */
export function suggestionsFor(invalid: string, candidates: Iterable<string>): string[] {
  const scored: Array<{ candidate: string; similarity: number }> = [];
  for (const candidate of new Set(candidates)) {
    const similarity = levenshteinSimilarity(invalid, candidate);
    if (similarity > SUGGESTION_THRESHOLD) scored.push({ candidate, similarity });
  }
  scored.sort((a, b) => b.similarity - a.similarity || compareJavaStrings(a.candidate, b.candidate));
  return scored.map((s) => s.candidate);
}

/** `String.compareTo`: UTF-16 code unit order, which is also JavaScript's `<` on strings. */
function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function unrecognizedMessage(
  decodedPath: string,
  invalids: Iterable<string>,
  candidates: Iterable<string>,
  detail = 'parameter',
): string {
  const sorted = [...new Set(invalids)].sort(compareJavaStrings);
  const candidateList = [...candidates];
  const parts = sorted.map((invalid) => {
    const suggestions = suggestionsFor(invalid, candidateList);
    if (suggestions.length === 0) return `[${invalid}]`;
    const any = suggestions.length > 1 ? 'any of ' : '';
    return `[${invalid}] -> did you mean ${any}[${suggestions.join(', ')}]?`;
  });
  return `request [${decodedPath}] contains unrecognized ${detail}${sorted.length > 1 ? 's' : ''}: ${parts.join(', ')}`;
}

/** 400 `illegal_argument_exception` for the parameters a handler left unconsumed. */
export function unrecognizedParametersRejection(
  decodedPath: string,
  invalids: Iterable<string>,
  candidates: Iterable<string>,
): EsRejection {
  return illegalArgument(unrecognizedMessage(decodedPath, invalids, candidates));
}
