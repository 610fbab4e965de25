/**
 * Which raw request targets nginx sends to the guard (docs §12). nginx
 * routes on `$request_uri`, the target exactly as the client sent it, never
 * on its normalised `$uri` (which has `%2F` decoded and dot segments resolved,
 * so it can differ from the path Elasticsearch routes on).
 *
 * The rule is a SUPERSET of what Elasticsearch routes to a guarded or
 * node-info handler; anything it sends to the guard that is not guarded, the
 * guard's own matcher forwards unchanged. To the guard goes every target
 * - that does not start with `/` (nothing but origin-form is passthrough), or
 * - whose path (up to the first `?`) holds a `%` (an escape can spell any
 *   byte, whatever a version does with it) or a `#` (Elasticsearch cuts the
 *   path there when no `?` follows), or
 * - whose path holds, anywhere and in any position, a literal that a guarded
 *   or node-info route starts with (`_ml`, `_nodes`, … taken from the
 *   matchers' own tables). Elasticsearch compares literals raw and
 *   case-sensitively, so a path without the raw literal cannot reach the route.
 */
import { GUARDED_FIRST_SEGMENTS } from '../rest/route-matcher';
import { SNIFF_FIRST_SEGMENTS } from '../sniff/sniff-route';

/** The literals, sorted and without duplicates (a stable generated file). */
export function guardedLiterals(): string[] {
  return [...new Set([...GUARDED_FIRST_SEGMENTS, ...SNIFF_FIRST_SEGMENTS])].sort();
}

function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/"'#%;\s]/g, (c) => `\\${c}`);
}

/**
 * The PCRE (nginx `map` regex) that matches every target bound for the guard.
 * `[^?]*` keeps the literal test inside the path: a query may carry anything.
 */
export function guardTargetRegex(literals: readonly string[] = guardedLiterals()): string {
  if (literals.length === 0) throw new Error('no guarded literal: the edge would route nothing to the guard');
  return `^(?:[^/]|[^?]*(?:[%#]|${literals.map(escapeRegex).join('|')}))`;
}

/** The same rule in JavaScript, for tests and the fuzz script's bookkeeping. */
export function goesToGuard(target: string, literals: readonly string[] = guardedLiterals()): boolean {
  return new RegExp(guardTargetRegex(literals), 's').test(target);
}
