/**
 * A small `filter_path` (response filtering): comma-separated dot paths with `*`
 * (within one name) and `**` (any depth), and `-` prefixed exclusions. Enough for client
 * sniffing and for proxies; compiled once per request and walked with position sets
 * (fast on 100 000-item bulk answers).
 */
type Seg = { any: true } | { re: RegExp } | { lit: string };
type Pos = { f: Seg[]; i: number };

function compile(path: string): Seg[] {
  return path.split('.').map((s): Seg => {
    if (s === '**') return { any: true };
    if (s.includes('*')) return { re: new RegExp('^' + s.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$') };
    return { lit: s };
  });
}

function segMatches(seg: Seg, key: string): boolean {
  if ('lit' in seg) return seg.lit === key;
  if ('re' in seg) return seg.re.test(key);
  return true;
}

/** Positions reachable after consuming `key`. */
function step(states: Pos[], key: string): Pos[] {
  const out: Pos[] = [];
  const visit = (p: Pos): void => {
    if (p.i >= p.f.length) return;
    const seg = p.f[p.i]!;
    if ('any' in seg) {
      out.push(p); // ** swallows this key
      visit({ f: p.f, i: p.i + 1 }); // or matches nothing
      return;
    }
    if (segMatches(seg, key)) out.push({ f: p.f, i: p.i + 1 });
  };
  for (const s of states) visit(s);
  return out;
}

function isFull(states: Pos[]): boolean {
  return states.some((p) => p.f.slice(p.i).every((s) => 'any' in s));
}

export function applyFilterPath(body: unknown, filterPath: string): unknown {
  const filters = filterPath.split(',').map((f) => f.trim()).filter((f) => f.length > 0);
  const inc: Pos[] = filters.filter((f) => !f.startsWith('-')).map((f) => ({ f: compile(f), i: 0 }));
  const exc: Pos[] = filters.filter((f) => f.startsWith('-')).map((f) => ({ f: compile(f.slice(1)), i: 0 }));
  const noIncludes = inc.length === 0;

  const walk = (v: unknown, incS: Pos[], excS: Pos[], root: boolean): unknown => {
    if (!root && excS.length > 0 && isFull(excS)) return undefined;
    const full = noIncludes || isFull(incS);
    if (!full && incS.length === 0) return undefined;
    if (full && excS.length === 0) return v;
    if (Array.isArray(v)) {
      const out = v.map((x) => walk(x, incS, excS, false)).filter((x) => x !== undefined);
      return out.length > 0 ? out : undefined;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const r = walk(x, full ? incS : step(incS, k), step(excS, k), false);
        if (r !== undefined) out[k] = r;
      }
      return Object.keys(out).length > 0 || root ? out : undefined;
    }
    return full ? v : undefined;
  };
  const r = walk(body, inc, exc, true);
  return r === undefined ? {} : r;
}
