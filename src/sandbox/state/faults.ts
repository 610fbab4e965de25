/**
 * Injected faults: the next `count` requests matching a method and a
 * raw-path prefix fail with a status and body, a dropped connection, a delay, or a
 * malformed 200 answer.
 */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Prefix of the raw request target (path plus query), e.g. "/_ml/trained_models". */
  path?: string;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  /** Answer with this status (and `body`, default an ES-style error body). */
  status?: number;
  /** Body: a string is sent as is, anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Wait this many ms first; alone, the request then proceeds normally. */
  delayMs?: number;
  /** 200 with a malformed body: "non_json" (text/html garbage), "wrong_shape" (valid JSON, unexpected shape), "truncated" (cut JSON). */
  malformed?: 'non_json' | 'wrong_shape' | 'truncated';
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

export class Faults {
  private list_: ActiveFault[] = [];
  private seq = 0;

  add(spec: FaultSpec): ActiveFault {
    const f: ActiveFault = { ...spec, id: ++this.seq, remaining: spec.count ?? 1 };
    this.list_.push(f);
    return f;
  }

  /** Takes the first matching fault (decrementing it) or returns null. */
  take(method: string, url: string): ActiveFault | null {
    const f = this.list_.find((x) => x.remaining > 0 && (!x.method || x.method.toUpperCase() === method) && url.startsWith(x.path ?? '/'));
    if (!f) return null;
    f.remaining -= 1;
    if (f.remaining <= 0) this.list_ = this.list_.filter((x) => x !== f);
    return f;
  }

  list(): ActiveFault[] {
    return [...this.list_];
  }

  clear(): void {
    this.list_ = [];
  }
}
