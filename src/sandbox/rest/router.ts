/**
 * Route table in the manner of ES's `PathTrie` + `RestController.tryAllHandlers`
 * (es-semantics §5.1): raw segments, literals compared exactly and case-sensitively,
 * named wildcards percent-decoded per segment, trailing slashes ignored, `//` gives
 * an empty wildcard value. Written from the spec; shares nothing with src/rest/.
 */
import { DecodeError, decodeComponent, splitRawPath } from './decode';

/** Enum order of `RestRequest.Method` (used for the Allow list, §5.1). */
export const METHOD_ORDER = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT'] as const;
export type Method = (typeof METHOD_ORDER)[number];

type Segment = { literal: string } | { param: string };

interface RouteEntry<H> {
  pattern: string;
  segments: Segment[];
  handlers: Map<Method, H>;
}

export interface RouteMatch<H> {
  pattern: string;
  handlers: Map<Method, H>;
  params: Record<string, string>;
}

export class Router<H> {
  private readonly entries = new Map<string, RouteEntry<H>>();

  add(method: Method, pattern: string, handler: H): void {
    let e = this.entries.get(pattern);
    if (!e) {
      const segments: Segment[] = splitRawPath(pattern).map((s) =>
        s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s },
      );
      e = { pattern, segments, handlers: new Map() };
      this.entries.set(pattern, e);
    }
    if (e.handlers.has(method)) throw new Error(`duplicate route ${method} ${pattern}`);
    e.handlers.set(method, handler);
  }

  /**
   * Every route matching the raw path, most explicit first (a literal beats a wildcard at
   * the first position where they differ, as the trie's explicit mode is tried first).
   * Throws DecodeError for malformed escapes in a wildcard segment.
   */
  match(rawPath: string): Array<RouteMatch<H>> {
    const parts = splitRawPath(rawPath);
    const found: Array<{ m: RouteMatch<H>; score: number[] }> = [];
    for (const e of this.entries.values()) {
      if (e.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const score: number[] = [];
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = e.segments[i]!;
        const raw = parts[i]!;
        if ('literal' in seg) {
          if (seg.literal !== raw) {
            ok = false;
            break;
          }
          score.push(0);
        } else {
          score.push(1);
        }
      }
      if (!ok) continue;
      for (let i = 0; i < parts.length; i++) {
        const seg = e.segments[i]!;
        if ('param' in seg) params[seg.param] = decodeComponent(parts[i]!, false);
      }
      found.push({ m: { pattern: e.pattern, handlers: e.handlers, params }, score });
    }
    found.sort((a, b) => {
      for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return a.score[i]! - b.score[i]!;
      return 0;
    });
    return found.map((f) => f.m);
  }
}

export { DecodeError };
