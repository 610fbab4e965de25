/**
 * Percent-decoding exactly as Elasticsearch's `RestUtils.decodeComponent` does it
 * (docs §5.1, docs §5.2). Written from docs/elasticsearch-behaviour.md, independent of src/rest/.
 */

/** Thrown for malformed escapes; the router turns it into 405 (docs §5.1), the query parser into 400 (docs §5.2). */
export class DecodeError extends Error {}

function hexNibble(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * Decodes one raw component. `+` stays `+` in path segments and becomes a space in
 * query strings; `%%` is a literal `%`; bytes are collected then read as UTF-8.
 * Node hands us the request line as latin1-ish text, so `charCodeAt & 0xff` keeps the
 * original bytes, as Java's `(byte) c` does.
 */
export function decodeComponent(s: string, plusAsSpace: boolean): string {
  if (!s.includes('%') && !(plusAsSpace && s.includes('+'))) return s;
  const bytes: number[] = [];
  const size = s.length;
  for (let i = 0; i < size; i++) {
    const c = s[i]!;
    if (c === '+') {
      bytes.push(plusAsSpace ? 0x20 : 0x2b);
    } else if (c === '%') {
      if (i === size - 1) throw new DecodeError(`unterminated escape sequence at end of string: ${s}`);
      const n1 = s[++i]!;
      if (n1 === '%') {
        bytes.push(0x25);
        continue;
      }
      if (i === size - 1) throw new DecodeError(`partial escape sequence at end of string: ${s}`);
      const n2 = s[++i]!;
      const h1 = hexNibble(n1);
      const h2 = hexNibble(n2);
      if (h1 < 0 || h2 < 0) {
        throw new DecodeError(`invalid escape sequence \`%${n1}${n2}' at index ${i - 2} of: ${s}`);
      }
      bytes.push(h1 * 16 + h2);
    } else {
      const code = c.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Path segments of the raw path: Java's split drops trailing empty tokens (docs §5.1). */
export function splitRawPath(rawPath: string): string[] {
  const parts = rawPath.split('/');
  // a leading "/" gives an empty first token which PathTrie skips
  if (parts[0] === '') parts.shift();
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
