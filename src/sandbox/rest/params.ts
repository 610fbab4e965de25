/**
 * Request parameters with consumption tracking, as `RestRequest` keeps them
 * (docs §5.2, docs §5.3). Path parameters are written after the query string,
 * so `?model_id=x` is silently overridden (docs §5.1).
 */
import { illegalArgument } from './errors';
import { levenshteinSimilarity } from './levenshtein';

/** Always consumed by the framework (docs §5.2). */
export const FRAMEWORK_PARAMS = ['error_trace', 'format', 'filter_path', 'pretty', 'human'];

export class RestParams {
  private readonly consumed = new Set<string>();

  constructor(
    private readonly values: Map<string, string>,
    pathParams: Record<string, string>,
  ) {
    for (const [k, v] of Object.entries(pathParams)) this.values.set(k, v);
    for (const f of FRAMEWORK_PARAMS) this.consumed.add(f);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Reads (and consumes) a parameter. */
  get(name: string): string | undefined {
    this.consumed.add(name);
    return this.values.get(name);
  }

  /** Peek without consuming (framework use). */
  peek(name: string): string | undefined {
    return this.values.get(name);
  }

  /** `RestRequest.paramAsBoolean`: "" is true, only exact true/false (docs §5.2). */
  bool(name: string, dflt: boolean): boolean {
    const v = this.get(name);
    return parseBool(v, dflt);
  }

  int(name: string, dflt: number): number {
    const v = this.get(name);
    if (v === undefined) return dflt;
    if (!/^[+-]?\d+$/.test(v)) throw illegalArgument(`Failed to parse int parameter [${name}] with value [${v}]`);
    return Number(v);
  }

  /** Comma-separated list ("" → []). */
  list(name: string): string[] | undefined {
    const v = this.get(name);
    if (v === undefined) return undefined;
    return v.length === 0 ? [] : v.split(',');
  }

  /**
   * `BaseRestHandler.unrecognized`: unconsumed parameters (minus response params) give
   * 400 `request [<path>] contains unrecognized parameter(s): [x] -> did you mean [c]?` (docs §5.3).
   */
  checkUnrecognized(decodedPath: string, responseParams: string[]): void {
    const allowed = new Set<string>([...this.consumed, ...responseParams]);
    const invalid = [...this.values.keys()].filter((k) => !allowed.has(k)).sort(javaCompare);
    if (invalid.length === 0) return;
    const candidates = [...allowed];
    const parts = invalid.map((inv) => {
      const scored = candidates
        .map((c) => ({ c, d: levenshteinSimilarity(inv, c) }))
        .filter((x) => x.d > 0.5)
        .sort((a, b) => (a.d !== b.d ? b.d - a.d : javaCompare(a.c, b.c)))
        .map((x) => x.c);
      let s = `[${inv}]`;
      if (scored.length === 1) s += ` -> did you mean [${scored[0]}]?`;
      else if (scored.length > 1) s += ` -> did you mean any of [${scored.join(', ')}]?`;
      return s;
    });
    throw illegalArgument(
      `request [${decodedPath}] contains unrecognized parameter${invalid.length > 1 ? 's' : ''}: ${parts.join(', ')}`,
    );
  }
}

export function parseBool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw illegalArgument(`Failed to parse value [${v}] as only [true] or [false] are allowed.`);
}

/** Java's String.compareTo (UTF-16 code units), used for TreeSet ordering. */
export function javaCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
