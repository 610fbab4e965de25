/**
 * `RestUtils.decodeComponent` (docs §5.1), ported from
 * `server/src/main/java/org/elasticsearch/rest/RestUtils.java` (read @02a21df0;
 * the decoder has not changed since 7.x).
 *
 * - A string without `%` (and, for the query variant, without `+`) is returned
 *   unchanged, whatever other characters it holds.
 * - Otherwise every char is written to a byte buffer as `(byte) c` (a char
 *   above 0xFF is truncated to its low byte, as Java's cast does), `%XY` is
 *   one byte, `%%` is a literal `%`, and the buffer is decoded as UTF-8 with
 *   Java's replacement rules (`java-utf8.ts`): invalid UTF-8 never fails, it
 *   becomes U+FFFD.
 * - `+` stays `+` in path segments (the node property
 *   `es.rest.url_plus_as_space` defaults to false) and becomes a space in the
 *   query string (`decodeQueryStringParam` passes `plusAsSpace = true`).
 * - A malformed escape throws, with one of Java's three messages; the caller
 *   decides how Elasticsearch answers it (405 for a path segment, 400
 *   `bad_parameter_exception` for the query string).
 *
 * Raw URLs reach Node as latin1 strings (one char per byte), as they reach
 * Netty, so the byte truncation rule above is what makes a raw UTF-8 byte
 * sequence next to an escape decode the same way on both sides.
 */
import { decodeUtf8AsJava } from './java-utf8';

/** Java's `IllegalArgumentException` from `RestUtils.decode`; `message` is its exact text. */
export class MalformedEscapeError extends Error {
  override readonly name = 'MalformedEscapeError';
  constructor(message: string) {
    super(message);
  }
}

/** Path-segment decoding: `+` is kept (docs §5.1). */
export function decodeComponent(s: string): string {
  return decode(s, false);
}

/** Query-string decoding: `+` is a space (docs §5.2). */
export function decodeQueryComponent(s: string): string {
  return decode(s, true);
}

const PERCENT = 0x25;
const PLUS = 0x2b;

function decodingNeeded(s: string, plusAsSpace: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === PERCENT || (plusAsSpace && c === PLUS)) return true;
  }
  return false;
}

/** `decodeHexNibble`: 0..15, or -1 for a char that is not a hex digit. */
function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function decode(s: string, plusAsSpace: boolean): string {
  if (s.length === 0 || !decodingNeeded(s, plusAsSpace)) return s;
  const size = s.length;
  const buf = new Uint8Array(size);
  let pos = 0;
  for (let i = 0; i < size; i++) {
    const c = s.charCodeAt(i);
    if (c === PLUS) {
      buf[pos++] = plusAsSpace ? 0x20 : PLUS;
    } else if (c === PERCENT) {
      if (i === size - 1) {
        throw new MalformedEscapeError(`unterminated escape sequence at end of string: ${s}`);
      }
      const next = s.charCodeAt(++i);
      if (next === PERCENT) {
        buf[pos++] = PERCENT; // "%%" -> "%"
        continue;
      }
      if (i === size - 1) {
        throw new MalformedEscapeError(`partial escape sequence at end of string: ${s}`);
      }
      const high = hexNibble(next);
      const low = hexNibble(s.charCodeAt(++i));
      if (high < 0 || low < 0) {
        // Java reports the two chars after '%' and the index of the '%'.
        throw new MalformedEscapeError(`invalid escape sequence \`%${s[i - 1]}${s[i]}' at index ${i - 2} of: ${s}`);
      }
      buf[pos++] = high * 16 + low;
    } else {
      buf[pos++] = c & 0xff; // Java's (byte) c
    }
  }
  return decodeUtf8AsJava(buf.subarray(0, pos));
}
