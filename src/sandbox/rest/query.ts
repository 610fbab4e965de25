/**
 * Query-string parsing as `RestUtils.decodeQueryString` (docs §5.2): starts after
 * the first `?`, stops at `#`, pairs split on `&` or `;`, `+` is a space, a name without
 * `=` gets "", the last repeated value wins. Malformed escapes throw DecodeError.
 */
import { decodeComponent } from './decode';

export function splitUri(uri: string): { rawPath: string; rawQuery: string | null } {
  const q = uri.indexOf('?');
  if (q < 0) {
    const hash = uri.indexOf('#');
    return { rawPath: hash < 0 ? uri : uri.slice(0, hash), rawQuery: null };
  }
  return { rawPath: uri.slice(0, q), rawQuery: uri.slice(q + 1) };
}

export function decodeQueryString(query: string | null): Map<string, string> {
  const params = new Map<string, string>();
  if (query === null || query.length === 0) return params;
  const hash = query.indexOf('#');
  const end = hash >= 0 ? hash : query.length;
  let name: string | null = null;
  let pos = 0;
  let i: number;
  // The loop mirrors the Java one, quirks included (`?=x&` yields a parameter named "x").
  for (i = 0; i < end; i++) {
    const c = query[i];
    if (c === '=' && name === null) {
      if (pos !== i) name = decodeComponent(query.slice(pos, i), true);
      pos = i + 1;
    } else if (c === '&' || c === ';') {
      if (name === null && pos !== i) {
        params.set(decodeComponent(query.slice(pos, i), true), '');
      } else if (name !== null) {
        params.set(name, decodeComponent(query.slice(pos, i), true));
        name = null;
      }
      pos = i + 1;
    }
  }
  if (pos !== i) {
    if (name === null) params.set(decodeComponent(query.slice(pos, i), true), '');
    else params.set(name, decodeComponent(query.slice(pos, i), true));
  } else if (name !== null) {
    params.set(name, '');
  }
  return params;
}
