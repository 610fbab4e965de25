/**
 * Rewrites `nodes.<id>.http.publish_address` in a node-info answer to the
 * proxy's public address, and changes NOTHING else: the answer is not parsed
 * and re-serialised but scanned, and only the bytes of those string values
 * are replaced. Key order, number formatting, escapes, pretty-printing and
 * every other value (`bound_address`, `transport.publish_address`, `host`,
 * `ip`, ...) stay byte for byte as the cluster sent them.
 *
 * `bound_address` is kept on purpose: no client sniffs from it (JS, Python,
 * Java, Go and .NET read `publish_address` only), and it describes the
 * node's listening sockets, which the operator may still want to see.
 *
 * Address forms (`TransportAddress.toString()`, and how clients read them):
 *   `ip:port`, `[v6]:port`            → `<public host>:<public port>`
 *   `hostname/ip:port` (cname form)   → `<public host>/<public host>:<public port>`
 * The form is kept. Clients read the cname form as "the name before the `/`,
 * the port after the last `:`" (JS `nodesToHost`, Python `_get_host_info`,
 * the Java sniffer, Go), so the part after the `/` needs no IP. An IPv6
 * public host is written in brackets, as Elasticsearch writes its own.
 *
 * Pure: no I/O. `null` means "not a JSON document this scanner accepts":
 * the caller then relays the answer as it came.
 */

export interface PublicAddress {
  /** Host name, IPv4 literal, or IPv6 literal in brackets (`[::1]`). */
  host: string;
  port: number;
}

export interface RewriteResult {
  body: Buffer;
  /** How many publish addresses were replaced (0: `body` is the input, untouched). */
  rewritten: number;
}

export function formatPublishAddress(original: string, address: PublicAddress): string {
  const hostPort = `${address.host}:${address.port}`;
  return original.includes('/') ? `${address.host}/${hostPort}` : hostPort;
}

export function rewritePublishAddresses(body: Buffer, address: PublicAddress): RewriteResult | null {
  let spans: Array<[number, number]>;
  try {
    spans = new Scanner(body).publishAddressSpans();
  } catch {
    return null;
  }
  const parts: Buffer[] = [];
  let copied = 0;
  let rewritten = 0;
  for (const [start, end] of spans) {
    const original = JSON.parse(body.toString('utf8', start, end)) as string;
    parts.push(body.subarray(copied, start), Buffer.from(JSON.stringify(formatPublishAddress(original, address)), 'utf8'));
    copied = end;
    rewritten++;
  }
  if (rewritten === 0) return { body, rewritten: 0 };
  parts.push(body.subarray(copied));
  return { body: Buffer.concat(parts), rewritten };
}

class MalformedJson extends Error {}

const MAX_DEPTH = 512;

// Byte values of the JSON grammar (all ASCII: inside a UTF-8 string, bytes
// of multi-byte characters are >= 0x80 and never match any of them).
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * Where the answer's path is: which key is looked for at this object level.
 * `top` → key `nodes` → `nodes` (any key) → `node` → key `http` → `http` →
 * key `publish_address` (a string value: recorded).
 */
type Level = 'top' | 'nodes' | 'node' | 'http' | 'other';

class Scanner {
  private pos = 0;
  private readonly spans: Array<[number, number]> = [];

  constructor(private readonly bytes: Buffer) {}

  publishAddressSpans(): Array<[number, number]> {
    this.skipWhitespace();
    this.value('top', 0);
    this.skipWhitespace();
    if (this.pos !== this.bytes.length) throw new MalformedJson('trailing bytes');
    return this.spans;
  }

  private value(level: Level, depth: number): void {
    if (depth > MAX_DEPTH) throw new MalformedJson('too deep');
    const c = this.bytes[this.pos];
    if (c === OPEN_OBJECT) this.object(level, depth);
    else if (c === OPEN_ARRAY) this.array(depth);
    else if (c === QUOTE) this.string();
    else this.scalar();
  }

  private object(level: Level, depth: number): void {
    this.pos++; // {
    this.skipWhitespace();
    if (this.bytes[this.pos] === CLOSE_OBJECT) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.bytes[this.pos] !== QUOTE) throw new MalformedJson('key expected');
      const keyStart = this.pos;
      this.string();
      const key = level === 'other' || level === 'nodes' ? '' : this.decodeString(keyStart, this.pos);
      this.skipWhitespace();
      if (this.bytes[this.pos] !== COLON) throw new MalformedJson('colon expected');
      this.pos++;
      this.skipWhitespace();
      const childLevel = this.childLevel(level, key);
      if (level === 'http' && key === 'publish_address' && this.bytes[this.pos] === QUOTE) {
        const start = this.pos;
        this.string();
        this.spans.push([start, this.pos]);
      } else {
        this.value(childLevel, depth + 1);
      }
      this.skipWhitespace();
      const next = this.bytes[this.pos++];
      if (next === CLOSE_OBJECT) return;
      if (next !== COMMA) throw new MalformedJson('comma or } expected');
      this.skipWhitespace();
    }
  }

  private childLevel(level: Level, key: string): Level {
    if (level === 'top' && key === 'nodes') return 'nodes';
    if (level === 'nodes') return 'node';
    if (level === 'node' && key === 'http') return 'http';
    return 'other';
  }

  private array(depth: number): void {
    this.pos++; // [
    this.skipWhitespace();
    if (this.bytes[this.pos] === CLOSE_ARRAY) {
      this.pos++;
      return;
    }
    for (;;) {
      this.value('other', depth + 1);
      this.skipWhitespace();
      const next = this.bytes[this.pos++];
      if (next === CLOSE_ARRAY) return;
      if (next !== COMMA) throw new MalformedJson('comma or ] expected');
      this.skipWhitespace();
    }
  }

  private string(): void {
    const bytes = this.bytes;
    let i = this.pos + 1;
    for (;;) {
      if (i >= bytes.length) throw new MalformedJson('unterminated string');
      const c = bytes[i]!;
      if (c === QUOTE) break;
      if (c < 0x20) throw new MalformedJson('control character in string');
      i += c === BACKSLASH ? 2 : 1;
    }
    this.pos = i + 1;
  }

  private decodeString(start: number, end: number): string {
    return JSON.parse(this.bytes.toString('utf8', start, end)) as string;
  }

  /** Numbers, true, false, null: validated by JSON.parse on their own bytes. */
  private scalar(): void {
    const start = this.pos;
    const bytes = this.bytes;
    let i = start;
    while (i < bytes.length && isScalarByte(bytes[i]!)) i++;
    if (i === start) throw new MalformedJson('value expected');
    JSON.parse(bytes.toString('latin1', start, i));
    this.pos = i;
  }

  private skipWhitespace(): void {
    const bytes = this.bytes;
    let i = this.pos;
    while (i < bytes.length) {
      const c = bytes[i]!;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.pos = i;
  }
}

function isScalarByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45;
}
