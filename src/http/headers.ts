/**
 * Which header fields cross the proxy, and which stay on their hop.
 *
 * RFC 9110 §7.6.1: a proxy MUST remove the `Connection` field and every field
 * it names before forwarding, and SHOULD remove the other connection-specific
 * fields (Proxy-Connection, Keep-Alive, TE, Transfer-Encoding, Upgrade)
 * whether or not `Connection` names them. Every other field is end-to-end and
 * is relayed untouched: name spelled as received, value byte for byte, order
 * and duplicates kept (the caller hands us the raw header list, never a parsed
 * object, so nothing is merged or re-cased).
 *
 * Values are latin1 strings on both sides: node decodes header bytes as latin1
 * (`req.rawHeaders`) and undici / node write header blocks as latin1, so every
 * byte 0x00-0xFF survives the round trip.
 */

/**
 * Connection-specific on both directions.
 * - connection, keep-alive, proxy-connection, te, transfer-encoding, upgrade:
 *   RFC 9110 §7.6.1 (Proxy-Connection: RFC 9112 Appendix C.2.2; Keep-Alive: RFC 2068 §19.7.1).
 * - http2-settings: only meaningful with an h2c `Upgrade` (RFC 7540 §3.2.1).
 * - trailer: end-to-end in RFC 9110 §6.6.2, but the proxy relays no trailer
 *   fields (undici cannot send request trailers; response trailers are not
 *   re-emitted), so announcing fields that never arrive would be false.
 */
function isConnectionSpecific(lowerName: string): boolean {
  switch (lowerName) {
    case 'connection':
    case 'keep-alive':
    case 'proxy-connection':
    case 'te':
    case 'transfer-encoding':
    case 'upgrade':
    case 'http2-settings':
    case 'trailer':
      return true;
    default:
      return false;
  }
}

/**
 * Request fields that stay at the proxy on top of the connection-specific ones.
 * - host: replaced by the cluster's host (Elastic Cloud routes on it; RFC 9110 §7.2).
 * - proxy-authorization: credentials addressed to "the next inbound proxy"
 *   (RFC 9110 §11.7.2), which is this hop. Relaying them would hand a
 *   credential meant for a proxy to the cluster, which never consumes it.
 * - expect: the front door answers `100-continue` itself before the request
 *   reaches the forwarder (see front-door.ts), so the expectation is met at
 *   this hop; undici's HTTP/1.1 client also refuses to send it.
 */
function staysAtProxyOnRequest(lowerName: string): boolean {
  switch (lowerName) {
    case 'host':
    case 'proxy-authorization':
    case 'expect':
      return true;
    default:
      return isConnectionSpecific(lowerName);
  }
}

/**
 * Response fields that stay at the proxy on top of the connection-specific ones.
 * - proxy-authenticate: a challenge to "the next outbound client" only
 *   (RFC 9110 §11.7.1), i.e. to this proxy, which has no proxy credentials.
 */
export function staysAtProxyOnResponse(lowerName: string): boolean {
  return lowerName === 'proxy-authenticate' || isConnectionSpecific(lowerName);
}

/**
 * Connection options named by the `Connection` field lines (RFC 9110 §7.6.1:
 * comma-separated, case-insensitive tokens). Only tokens that could name a
 * field still present after the fixed filtering are returned; `null` when
 * there are none, which is the usual case (`keep-alive`, `close`).
 */
function connectionNominatedFields(names: readonly string[], values: readonly string[]): Set<string> | null {
  let nominated: Set<string> | null = null;
  for (let i = 0; i < names.length; i++) {
    if (names[i].length !== 10 || names[i].toLowerCase() !== 'connection') continue;
    for (const token of values[i].split(',')) {
      const option = token.trim().toLowerCase();
      if (option === '' || option === 'close' || isConnectionSpecific(option)) continue;
      (nominated ??= new Set()).add(option);
    }
  }
  return nominated;
}

/**
 * Whether one `Connection` field value may name other fields. The usual
 * values, `keep-alive` and `close`, name none; only other values are parsed
 * (connectionNominatedFields), which keeps that work off the common path.
 */
function mayNominate(value: string): boolean {
  if (value.length === 10 || value.length === 5) {
    const lower = value.toLowerCase();
    if (lower === 'keep-alive' || lower === 'close') return false;
  }
  return true;
}

/** Drops pairs whose (lower-cased) name is in `nominated` from a flat list. */
function withoutNominated(flat: string[], nominated: Set<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    if (!nominated.has(flat[i].toLowerCase())) kept.push(flat[i], flat[i + 1]);
  }
  return kept;
}

export interface UpstreamRequestHead {
  /** Flat `[name, value, name, value, ...]` list, in the client's order, for undici. */
  headers: string[];
  /**
   * Whether the request carries content (RFC 9112 §6.3: a request has content
   * exactly when it has Transfer-Encoding or a Content-Length, here non-zero).
   * A request without content must get no body stream, or undici would send a
   * `transfer-encoding: chunked` the client never sent.
   */
  hasBody: boolean;
}

/**
 * The header list sent upstream for a client request.
 *
 * `rawHeaders` is node's `req.rawHeaders`. The cluster's `upstreamHost` goes
 * first as `host` (undici always writes its host line first). With
 * `bodyReplaced` the client's Content-Length is dropped, because the body sent
 * is the one the guard hands over and undici frames it from its own length.
 *
 * Note on undici's framing headers: undici consumes `host` and
 * `content-length` and writes them itself, lower-cased (`host` first,
 * `content-length` last), and adds `connection: keep-alive`. Every other
 * field goes out exactly as listed here.
 */
export function upstreamRequestHeaders(
  rawHeaders: readonly string[],
  upstreamHost: string,
  bodyReplaced = false,
): UpstreamRequestHead {
  const headers: string[] = ['host', upstreamHost];
  let hasBody = false;
  let sawConnection = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const lower = name.toLowerCase();
    if (lower === 'content-length') {
      if (rawHeaders[i + 1] !== '0') hasBody = true;
      if (bodyReplaced) continue;
    } else if (lower === 'transfer-encoding') {
      hasBody = true;
    }
    if (lower === 'connection' && mayNominate(rawHeaders[i + 1])) sawConnection = true;
    if (staysAtProxyOnRequest(lower)) continue;
    headers.push(name, rawHeaders[i + 1]);
  }
  if (!sawConnection) return { headers, hasBody };
  const nominated = connectionNominatedFields(evenEntries(rawHeaders), oddEntries(rawHeaders));
  return { headers: nominated ? withoutNominated(headers, nominated) : headers, hasBody };
}

/**
 * The header list written back to the client for an upstream response.
 *
 * `rawHeaders` is undici's raw list (Buffers, as the cluster sent them). The
 * result is a flat list for `res.writeHead(status, reason, list)`, which node
 * writes in this order, names and duplicates as given. Transfer-Encoding is
 * dropped because node re-frames the body for the client hop (chunked for
 * HTTP/1.1 when there is no Content-Length; RFC 9112 §6.1); Content-Length is
 * end-to-end and kept.
 */
export function downstreamResponseHeaders(rawHeaders: readonly Buffer[]): string[] {
  const headers: string[] = [];
  let sawConnection = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toString('latin1');
    const lower = name.toLowerCase();
    if (lower === 'connection') {
      if (mayNominate(rawHeaders[i + 1].toString('latin1'))) sawConnection = true;
      continue; // connection-specific (isConnectionSpecific)
    }
    if (staysAtProxyOnResponse(lower)) continue;
    headers.push(name, rawHeaders[i + 1].toString('latin1'));
  }
  if (!sawConnection) return headers;
  const names: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    names.push(rawHeaders[i].toString('latin1'));
    values.push(rawHeaders[i + 1].toString('latin1'));
  }
  const nominated = connectionNominatedFields(names, values);
  return nominated ? withoutNominated(headers, nominated) : headers;
}

/** A header record whose names keep the case they arrived with (names compare case-insensitively, RFC 9110 §5.1). */
export type HeaderRecord = Record<string, string | string[]>;

/**
 * A flat header list as a record, for hooks that want to read or add fields.
 * Keys keep the first spelling seen; repeated fields become arrays in arrival
 * order (lookups are case-insensitive, so `Warning` and `warning` merge).
 */
export function headerRecord(flat: readonly string[]): HeaderRecord {
  const record: HeaderRecord = {};
  const spelling = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) {
    const lower = flat[i].toLowerCase();
    const key = spelling.get(lower);
    if (key === undefined) {
      spelling.set(lower, flat[i]);
      record[flat[i]] = flat[i + 1];
      continue;
    }
    const existing = record[key];
    record[key] = Array.isArray(existing) ? [...existing, flat[i + 1]] : [existing, flat[i + 1]];
  }
  return record;
}

/**
 * Removes every field named `lowerName` (case-insensitively) from a record;
 * used when the body length may change and Content-Length would lie.
 */
export function withoutField(record: HeaderRecord, lowerName: string): HeaderRecord {
  const kept: HeaderRecord = {};
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lowerName) kept[key] = record[key];
  }
  return kept;
}

export function headerValue(headers: HeaderRecord, name: string): string | string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** Adds one more field line, keeping any existing ones (a list-valued field, RFC 9110 §5.3). */
export function withAddedHeader(headers: HeaderRecord, name: string, value: string): HeaderRecord {
  const result = { ...headers };
  const key = Object.keys(result).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
  const existing = result[key];
  result[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  return result;
}

/** A field's value as one string: repeated field lines joined with `, ` (RFC 9110 §5.3). */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function evenEntries(flat: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push(flat[i]);
  return out;
}

function oddEntries(flat: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < flat.length; i += 2) out.push(flat[i]);
  return out;
}
