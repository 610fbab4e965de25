/**
 * Route table in the manner of ES's `PathTrie` + `RestController.tryAllHandlers`
 * (docs §5.1): raw segments, literals compared exactly and case-sensitively,
 * named wildcards percent-decoded per segment, trailing slashes ignored, `//` gives
 * an empty wildcard value. Written from docs/elasticsearch-behaviour.md; shares nothing with src/rest/.
 */
import { DecodeError, decodeComponent, splitRawPath } from './decode';

/** Enum order of `RestRequest.Method` (used for the Allow list, docs §5.1). */
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
   * Throws DecodeError for malformed escapes in a wildcard segment (see `decodeFailure`).
   */
  match(rawPath: string): Array<RouteMatch<H>> {
    const failure = this.decodeFailure(rawPath);
    if (failure) throw failure;
    const parts = splitRawPath(rawPath);
    return this.matchRaw(parts).map((e) => {
      const params: Record<string, string> = {};
      e.segments.forEach((seg, i) => {
        if ('param' in seg) params[seg.param] = decodeComponent(parts[i]!, false);
      });
      return { pattern: e.pattern, handlers: e.handlers, params };
    });
  }

  /**
   * `RestController.getValidHandlerMethodSet(rawPath)`: the methods of every route the raw
   * path reaches when the trie is walked *without* a params map (so nothing is decoded and
   * a malformed escape cannot throw), listed in `RestRequest.Method` enum order (docs §5.1).
   */
  validMethods(rawPath: string): Method[] {
    const set = new Set<Method>();
    for (const e of this.matchRaw(splitRawPath(rawPath))) for (const m of e.handlers.keys()) set.add(m);
    return METHOD_ORDER.filter((m) => set.has(m));
  }

  /**
   * The IllegalArgumentException `PathTrie.TrieNode.retrieve` raises while walking the raw
   * path with a params map: `put(params, node, token)` decodes a segment as soon as the walk
   * enters a named-wildcard node, *before* it knows whether the rest of the path matches
   * (elastic/elasticsearch server/src/main/java/org/elasticsearch/common/path/PathTrie.java
   * @08b91421). The walk tries the explicit child first and backtracks to the wildcard child,
   * so it reaches a wildcard at position i whenever some route's first i segments match the
   * raw path and its segment i is a wildcard. Literal segments never hold a malformed escape,
   * so the first such position (in path order) holding a malformed escape is where it throws.
   */
  decodeFailure(rawPath: string): DecodeError | null {
    const parts = splitRawPath(rawPath);
    let best: { i: number; err: DecodeError } | null = null;
    for (const e of this.entries.values()) {
      const n = Math.min(e.segments.length, parts.length);
      for (let i = 0; i < n; i++) {
        if (best && i >= best.i) break;
        const seg = e.segments[i]!;
        if ('literal' in seg) {
          if (seg.literal !== parts[i]) break;
          continue;
        }
        try {
          decodeComponent(parts[i]!, false);
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
          best = { i, err };
          break;
        }
      }
    }
    return best ? best.err : null;
  }

  /** Routes whose literals equal the raw segments (same segment count), most explicit first. */
  private matchRaw(parts: string[]): Array<RouteEntry<H>> {
    const found: Array<{ e: RouteEntry<H>; score: number[] }> = [];
    for (const e of this.entries.values()) {
      if (e.segments.length !== parts.length) continue;
      const score: number[] = [];
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = e.segments[i]!;
        if ('literal' in seg) {
          if (seg.literal !== parts[i]) {
            ok = false;
            break;
          }
          score.push(0);
        } else {
          score.push(1);
        }
      }
      if (ok) found.push({ e, score });
    }
    found.sort((a, b) => {
      for (let i = 0; i < a.score.length; i++) if (a.score[i] !== b.score[i]) return a.score[i]! - b.score[i]!;
      return 0;
    });
    return found.map((f) => f.e);
  }
}

export { DecodeError };
