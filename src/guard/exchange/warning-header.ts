/**
 * The `Warning` response header as Elasticsearch writes it (docs §5.5;
 * `server/src/main/java/org/elasticsearch/common/logging/HeaderWarning.java` @08c8ec01):
 *
 *   299 Elasticsearch-<version>-<build hash> "<escaped text>"
 *   299 Elasticsearch-<build hash> "<escaped text>"      (version not semantic)
 *
 * Text escaping (`escapeAndEncode`): first `\` and `"` get a backslash; then
 * every UTF-16 char NOT in the set {HTAB, SP, !, ", #, $, &..[, \, ]..~,
 * 0x80..0xFF} is percent-encoded: a run of such chars is UTF-8 encoded and each
 * byte written `%XX` in upper case. So `%` itself is encoded, chars
 * 0x80–0xFF stay raw (written as one latin1 byte each on the wire), chars
 * above 0xFF and controls are encoded. A lone surrogate encodes as `?` (Java's
 * `getBytes(UTF_8)` replacement): `%3F`.
 *
 * Older servers may append a quoted RFC 1123 warn-date; the parser accepts it.
 */

/** `HeaderWarning.semanticVersionPattern`. */
const SEMANTIC_VERSION = /^\d+\.\d+\.\d+(?:-(?:alpha|beta|rc)\d+)?(?:-SNAPSHOT)?$/;

export interface EsBuild {
  /** `Build.current().version()`, e.g. `8.15.1`. */
  version: string | undefined;
  /** `Build.current().hash()`. */
  hash: string;
}

function staysRaw(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x20 ||
    code === 0x21 ||
    code === 0x22 ||
    code === 0x23 ||
    code === 0x24 ||
    (code >= 0x26 && code <= 0x5b) ||
    code === 0x5c ||
    (code >= 0x5d && code <= 0x7e) ||
    (code >= 0x80 && code <= 0xff)
  );
}

/** Java `String.getBytes(UTF_8)` for a run of UTF-16 chars: lone surrogates become `?`. */
function utf8BytesAsJava(run: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    let code = run.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < run.length) {
      const low = run.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) bytes.push(0x3f);
    else if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
  }
  return bytes;
}

/** `HeaderWarning.escapeAndEncode`. */
export function escapeAndEncode(text: string): string {
  const escaped = text.replace(/[\\"]/g, (ch) => `\\${ch}`);
  let out = '';
  let i = 0;
  while (i < escaped.length) {
    if (staysRaw(escaped.charCodeAt(i))) {
      out += escaped[i];
      i++;
      continue;
    }
    const start = i;
    do i++;
    while (i < escaped.length && !staysRaw(escaped.charCodeAt(i)));
    for (const byte of utf8BytesAsJava(escaped.substring(start, i))) {
      out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

/** `HeaderWarning.formatWarning` for a given build. */
export function formatWarningHeader(text: string, build: EsBuild): string {
  const agent =
    build.version !== undefined && SEMANTIC_VERSION.test(build.version)
      ? `Elasticsearch-${build.version}-${build.hash}`
      : `Elasticsearch-${build.hash}`;
  return `299 ${agent} "${escapeAndEncode(text)}"`;
}

/**
 * The quoted warn-text of every warning-value in `Warning` header values, as
 * sent (still escaped). Accepts values Node joined with `, `, commas inside
 * quotes, and an optional quoted warn-date. Unparsable input ends the scan of
 * that header value.
 */
export function warningTexts(headerValues: string | readonly string[] | undefined): string[] {
  if (headerValues === undefined) return [];
  const values = typeof headerValues === 'string' ? [headerValues] : headerValues;
  const texts: string[] = [];
  for (const value of values) scanWarnings(value, texts);
  return texts;
}

function readQuoted(s: string, at: number): { content: string; end: number } | null {
  if (s[at] !== '"') return null;
  let i = at + 1;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '"') return { content: s.substring(at + 1, i), end: i + 1 };
    i++;
  }
  return null;
}

function scanWarnings(s: string, into: string[]): void {
  let i = 0;
  for (;;) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++;
    if (i >= s.length) return;
    const code = /^\d{3} /.exec(s.substring(i, i + 4));
    if (!code) return;
    i += 4;
    const agentEnd = s.indexOf(' ', i);
    if (agentEnd < 0) return;
    i = agentEnd + 1;
    const text = readQuoted(s, i);
    if (!text) return;
    into.push(text.content);
    i = text.end;
    if (s[i] === ' ' && s[i + 1] === '"') {
      const date = readQuoted(s, i + 1);
      if (!date) return;
      i = date.end;
    }
  }
}

/** Whether the cluster's answer already carries the warning `text` (compared in ES's escaped form). */
export function hasWarning(headerValues: string | readonly string[] | undefined, text: string): boolean {
  const wanted = escapeAndEncode(text);
  return warningTexts(headerValues).includes(wanted);
}
