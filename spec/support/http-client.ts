/**
 * The one raw-HTTP test client. node:http on a fresh connection per request
 * (`agent: false`), so nothing normalises the request line (no URL parsing of
 * the path: `..`, `%2F`, `#` reach the server as written) and no keep-alive
 * socket outlives the test.
 *
 * - `raw(base, method, path, opts)`: one request to a base URL; headers as a
 *   record (node adds Host), an object body is sent as JSON.
 * - `send(port, spec)`: exact control of the request head: headers as a flat
 *   list are written verbatim (spelling, order, duplicates; no Host is added).
 * - `open(port, spec)`: the live response, for streaming and abort tests.
 * - `sendRaw(port, bytes)`: raw bytes on a TCP connection, everything read back.
 * - `pairs(rawHeaders)`: a flat header list as pairs, for readable assertions.
 *
 * Every answer has the same shape (`HttpAnswer`): the status, the parsed and the
 * raw response head, and the body as bytes, text and (when it parses) JSON.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { Readable } from 'node:stream';

export interface HttpAnswer {
  status: number;
  statusMessage: string;
  /** node's parsed head: lower-case names, repeated values joined (set-cookie an array). */
  headers: http.IncomingHttpHeaders;
  /** The response head as received: flat [name, value, ...]. */
  rawHeaders: string[];
  bytes: Buffer;
  /** The body as UTF-8. */
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json: any;
}

export interface HttpRequest {
  method?: string;
  /** The request target, written as is. */
  path: string;
  /** Flat [name, value, ...] written verbatim (no Host added), or a record (node adds Host). Default: just a Host line. */
  headers?: string[] | Record<string, string>;
  /** An object that is not a Buffer or a stream is sent as JSON (with Content-Type: application/json unless given). */
  body?: Buffer | string | Readable | object;
  /** Destroys the request when no answer came within this time (default 30 s, the jest test timeout). */
  timeoutMs?: number;
}

export interface RawOptions {
  headers?: Record<string, string>;
  body?: Buffer | string | object;
  timeoutMs?: number;
}

interface Origin {
  host: string;
  port: number;
}

function originOf(to: number | string): Origin {
  if (typeof to === 'number') return { host: '127.0.0.1', port: to };
  const url = new URL(to);
  if (url.protocol !== 'http:') throw new Error(`http-client speaks plain HTTP only, not ${url.protocol} (${to})`);
  return { host: url.hostname, port: Number(url.port || 80) };
}

function hasHeader(headers: string[] | Record<string, string>, name: string): boolean {
  const names = Array.isArray(headers) ? headers.filter((_, i) => i % 2 === 0) : Object.keys(headers);
  return names.some((n) => n.toLowerCase() === name);
}

/** The request head of `spec` on a fresh connection (body not written yet) and the payload to write. */
function prepare(origin: Origin, spec: HttpRequest): { req: http.ClientRequest; payload: Buffer | string | Readable | undefined } {
  let headers: string[] | Record<string, string> = spec.headers ?? ['Host', `${origin.host}:${origin.port}`];
  let payload: Buffer | string | Readable | undefined;
  if (spec.body === undefined || typeof spec.body === 'string' || Buffer.isBuffer(spec.body) || spec.body instanceof Readable) {
    payload = spec.body;
  } else {
    payload = JSON.stringify(spec.body);
    if (!hasHeader(headers, 'content-type')) {
      headers = Array.isArray(headers) ? [...headers, 'Content-Type', 'application/json'] : { ...headers, 'Content-Type': 'application/json' };
    }
  }
  // node frames a GET or DELETE body by closing the connection only; say its length, as clients do (a flat list stays verbatim).
  if (!Array.isArray(headers) && (typeof payload === 'string' || Buffer.isBuffer(payload)) && !hasHeader(headers, 'content-length') && !hasHeader(headers, 'transfer-encoding')) {
    headers = { ...headers, 'Content-Length': String(Buffer.byteLength(payload)) };
  }
  const req = http.request({ host: origin.host, port: origin.port, method: spec.method ?? 'GET', path: spec.path, headers, agent: false });
  req.setTimeout(spec.timeoutMs ?? 30_000, () => req.destroy(new Error(`no answer to ${spec.method ?? 'GET'} ${spec.path} within ${spec.timeoutMs ?? 30_000} ms`)));
  return { req, payload };
}

function write(req: http.ClientRequest, payload: Buffer | string | Readable | undefined): void {
  if (payload instanceof Readable) payload.pipe(req);
  else req.end(payload);
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends one request on a fresh connection and collects the whole answer. */
export function send(to: number | string, spec: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { req, payload } = prepare(originOf(to), spec);
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          bytes,
          text,
          json: parseJson(text),
        });
      });
    });
    write(req, payload);
  });
}

/** One request to `base` (a URL such as `http://127.0.0.1:9200`) with headers as a record. */
export function raw(base: string, method: string, path: string, options: RawOptions = {}): Promise<HttpAnswer> {
  return send(base, { method, path, headers: options.headers ?? {}, body: options.body, timeoutMs: options.timeoutMs });
}

/** Starts a request and hands back the live response (for streaming and abort tests); the body is written only when given. */
export function open(to: number | string, spec: HttpRequest): { req: http.ClientRequest; response: Promise<http.IncomingMessage> } {
  const { req, payload } = prepare(originOf(to), { timeoutMs: 0, ...spec });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  response.catch(() => undefined);
  if (payload !== undefined) write(req, payload);
  return { req, response };
}

/** Writes raw bytes on a TCP connection and returns everything read until the server closes it (or `timeoutMs` passes). */
export function sendRaw(port: number, bytes: Buffer | string, timeoutMs = 5_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.write(bytes);
  });
}

/** Pairs of a flat header list, for readable assertions. */
export function pairs(flat: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}
