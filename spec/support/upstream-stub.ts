/**
 * A stand-in for the Elasticsearch cluster in tests: a real node:http server
 * on 127.0.0.1 (port 0 unless given) that records every request exactly as it
 * arrived and answers with a scripted responder.
 *
 *   const stub = await startUpstreamStub();
 *   stub.respond(respondJson(200, { acknowledged: true }));
 *   ... drive the proxy ...
 *   const seen = await stub.nextRequest();
 *   expect(seen.rawHeaders).toEqual([...]);
 *   await stub.close();
 *
 * Recorded: the raw request target, rawHeaders (names as sent, order,
 * duplicates), the body bytes, the raw bytes of the whole connection, and
 * whether the response or connection closed before the answer finished.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface RecordedConnection {
  id: number;
  /** Every byte received on this connection so far (request heads and bodies). */
  bytes(): Buffer;
  /** Resolves when the connection closed (either side). */
  closed: Promise<void>;
}

export interface RecordedRequest {
  method: string;
  /** The request target exactly as received (never decoded). */
  url: string;
  httpVersion: string;
  rawHeaders: string[];
  connection: RecordedConnection;
  /** Body bytes received so far; complete once `bodyDone` resolves. */
  body(): Buffer;
  /** Resolves with the whole body when it ended; rejects if the request was aborted first. */
  bodyDone: Promise<Buffer>;
  /**
   * Resolves when the stub's response closed: `finished` is false when the
   * peer (the proxy) closed the connection before the answer was complete.
   */
  responseClosed: Promise<{ finished: boolean }>;
}

export type Responder = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  recorded: RecordedRequest,
) => void | Promise<void>;

export interface UpstreamStub {
  url: string;
  port: number;
  requests: RecordedRequest[];
  connections: RecordedConnection[];
  /** Sets the responder for the requests that follow. */
  respond(responder: Responder): void;
  /** The next request not yet taken by nextRequest() (waits for it). */
  nextRequest(timeoutMs?: number): Promise<RecordedRequest>;
  /** Open connections right now. */
  openConnections(): number;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

export interface UpstreamStubOptions {
  /** Listen on this port (to bring a "down" cluster back); default 0. */
  port?: number;
  responder?: Responder;
  /** Serve HTTPS with this certificate (raw bytes are then recorded after decryption). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export async function startUpstreamStub(options: UpstreamStubOptions = {}): Promise<UpstreamStub> {
  let responder: Responder = options.responder ?? respondJson(200, { ok: true });
  const requests: RecordedRequest[] = [];
  const connections: RecordedConnection[] = [];
  const sockets = new Set<Socket>();
  const connectionOf = new WeakMap<Socket, RecordedConnection>();
  let taken = 0;
  const waiters: Array<() => void> = [];

  const server: http.Server | https.Server = options.tls
    ? https.createServer({ requestTimeout: 0, cert: options.tls.cert, key: options.tls.key })
    : http.createServer({ requestTimeout: 0 });
  server.keepAliveTimeout = 30_000;

  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    const chunks: Buffer[] = [];
    // Adding a 'data' listener makes node's HTTP parser read in JS too, so
    // both see every byte.
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    sockets.add(socket);
    const connection: RecordedConnection = {
      id: connections.length + 1,
      bytes: () => Buffer.concat(chunks),
      closed: new Promise((resolve) => socket.once('close', () => resolve())),
    };
    socket.once('close', () => sockets.delete(socket));
    connections.push(connection);
    connectionOf.set(socket, connection);
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.sendDate = false; // Elasticsearch sends no Date header
    const chunks: Buffer[] = [];
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      httpVersion: req.httpVersion,
      rawHeaders: [...req.rawHeaders],
      connection: connectionOf.get(req.socket)!,
      body: () => Buffer.concat(chunks),
      bodyDone: new Promise<Buffer>((resolve, reject) => {
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.once('end', () => resolve(Buffer.concat(chunks)));
        req.once('error', reject);
        req.once('close', () => {
          if (!req.complete) reject(new Error('request aborted before its body ended'));
        });
      }),
      responseClosed: new Promise((resolve) => {
        res.once('close', () => resolve({ finished: res.writableFinished }));
      }),
    };
    recorded.bodyDone.catch(() => undefined); // observed by tests that care
    requests.push(recorded);
    waiters.splice(0).forEach((wake) => wake());
    // Called synchronously, so a responder that pipes `req` sees every chunk.
    try {
      const pending = responder(req, res, recorded);
      if (pending) pending.catch(() => res.destroy());
    } catch {
      res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    connections,
    respond(next) {
      responder = next;
    },
    async nextRequest(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length <= taken) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`upstream stub: no request within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return requests[taken++];
    },
    openConnections: () => sockets.size,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

// ---- canned responders ------------------------------------------------------

/** Headers Elasticsearch puts on its JSON answers. */
export const ES_JSON_HEADERS = ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json'];

/** A JSON answer after the request body was read, with Elasticsearch's headers. */
export function respondJson(statusCode: number, body: unknown, extraHeaders: string[] = []): Responder {
  return async (_req, res, recorded) => {
    await recorded.bodyDone.catch(() => undefined);
    const payload = Buffer.from(JSON.stringify(body));
    res.writeHead(statusCode, [...ES_JSON_HEADERS, ...extraHeaders, 'content-length', String(payload.length)]);
    res.end(payload);
  };
}

/** Exactly these response head lines (flat list, spelling kept) and body, after the request body. */
export function respondWith(
  statusCode: number,
  headers: string[],
  body: Buffer | string = '',
  statusMessage?: string,
): Responder {
  return async (_req, res, recorded) => {
    await recorded.bodyDone.catch(() => undefined);
    if (statusMessage === undefined) res.writeHead(statusCode, headers);
    else res.writeHead(statusCode, statusMessage, headers);
    res.end(body);
  };
}

/** Echoes the request body back (200, same Content-Type), streaming. */
export function respondEcho(): Responder {
  return (req, res) => {
    const contentType = req.headers['content-type'];
    res.writeHead(200, contentType ? ['content-type', contentType] : []);
    req.pipe(res);
  };
}

/**
 * A chunked answer: writes each chunk, waiting `gapMs` (or for `before(i)`)
 * before the next; lets a test hold the answer open to observe streaming.
 */
export function respondChunked(
  chunks: Array<Buffer | string>,
  options: { gapMs?: number; before?: (index: number) => Promise<void>; headers?: string[] } = {},
): Responder {
  return async (_req, res, recorded) => {
    await recorded.bodyDone.catch(() => undefined);
    res.writeHead(200, options.headers ?? ['content-type', 'application/x-ndjson']);
    res.flushHeaders();
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0 && options.gapMs) await delay(options.gapMs);
      if (options.before) await options.before(i);
      if (res.destroyed) return;
      res.write(chunks[i]);
    }
    res.end();
  };
}

/** A gzip-encoded answer: returns the exact compressed bytes it sends. */
export function respondGzip(plain: Buffer | string, contentType = 'application/json'): { responder: Responder; sent: Buffer } {
  const sent = gzipSync(plain);
  return {
    sent,
    responder: respondWith(200, ['content-type', contentType, 'content-encoding', 'gzip', 'content-length', String(sent.length)], sent),
  };
}

/** Drops the connection without answering (a cluster node dying mid-request). */
export function respondAbruptClose(): Responder {
  return (req) => {
    req.socket.destroy();
  };
}

/** Sends the head and part of the body, then drops the connection. */
export function respondHeadThenClose(partialBody: Buffer | string, declaredLength: number): Responder {
  return async (_req, res, recorded) => {
    await recorded.bodyDone.catch(() => undefined);
    res.writeHead(200, ['content-type', 'application/json', 'content-length', String(declaredLength)]);
    res.write(partialBody);
    await delay(20);
    res.socket?.destroy();
  };
}

/** Never answers; holds the request open (the test ends it by closing something). */
export function respondNever(): Responder {
  return () => undefined;
}

/**
 * A pause inside a responder. Unref'd: a responder still sleeping when its
 * test file ends (the proxy already cut the exchange) must not keep the jest
 * worker alive; while a test runs, jest's own channel keeps the process up.
 */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
