/**
 * Test client: node:http with exact control of the request head (headers as a
 * flat list are written verbatim: spelling, order, duplicates; no Host is
 * added) and the raw response head as received.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { Readable } from 'node:stream';

export interface ClientAnswer {
  statusCode: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
}

export interface ClientRequestSpec {
  method?: string;
  path: string;
  /** Flat [name, value, ...]; default just a Host line. */
  headers?: string[];
  body?: Buffer | string | Readable;
}

/** The request head of `spec` on a fresh connection to 127.0.0.1:`port` (body not written yet). */
function request(port: number, spec: ClientRequestSpec): http.ClientRequest {
  return http.request({
    host: '127.0.0.1',
    port,
    method: spec.method ?? 'GET',
    path: spec.path,
    headers: spec.headers ?? ['Host', `127.0.0.1:${port}`],
    agent: false,
  });
}

/** Sends one request on a fresh connection and collects the whole answer. */
export function send(port: number, spec: ClientRequestSpec): Promise<ClientAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(port, spec);
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          statusCode: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
    });
    if (spec.body instanceof Readable) spec.body.pipe(req);
    else req.end(spec.body);
  });
}

/** Starts a request and hands back the live response (for streaming and abort tests). */
export function open(port: number, spec: ClientRequestSpec): { req: http.ClientRequest; response: Promise<http.IncomingMessage> } {
  const req = request(port, spec);
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  response.catch(() => undefined);
  if (spec.body instanceof Readable) spec.body.pipe(req);
  else if (spec.body !== undefined) req.end(spec.body);
  return { req, response };
}

/** Writes raw bytes on a TCP connection and returns everything read until the server closes it. */
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
