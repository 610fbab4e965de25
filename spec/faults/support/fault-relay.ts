/**
 * The cluster as the fault tests see it: a node:http server on 127.0.0.1
 * that relays every request to a real sandbox (so the guard's reads get
 * real answers) unless a scripted fault takes it. It records every request
 * it received and counts the proxy's sockets to it: open ones, and busy ones
 * (a request received whose socket is neither answered nor closed). A busy
 * socket left after the client got its answer is an upstream exchange the
 * proxy abandoned without closing: a leak.
 *
 * Faults work below HTTP where a cluster would fail there: a reset (RST),
 * a close without an answer, a head then a cut body, a trickling body.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startSandbox, type Sandbox } from '../../../src/sandbox';

export interface SeenRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  /** Body bytes received (complete once the request ended). */
  body(): Buffer;
}

/** What a fault does with a request it takes. */
export type FaultAction = (req: http.IncomingMessage, res: http.ServerResponse, relay: () => void) => void;

export interface Fault {
  method?: string;
  /** Prefix of the raw target. */
  path?: string;
  /** How many matching requests it takes; default 1; Infinity until cleared. */
  count?: number;
  /** Only requests that are the n-th (1-based) or later on their connection. */
  fromNthOnConnection?: number;
  action: FaultAction;
}

export interface FaultRelay {
  url: string;
  port: number;
  sandbox: Sandbox;
  seen: SeenRequest[];
  inject(fault: Fault): void;
  clearFaults(): void;
  openSockets(): number;
  busySockets(): number;
  /** Resolves when no socket is busy, or rejects after `timeoutMs` naming the busy requests. */
  settled(timeoutMs?: number): Promise<void>;
  /** Stops listening and resets every open socket: the cluster goes down (connections refused). */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

interface SocketState {
  requests: number;
  busy: string | null;
}

export async function startFaultRelay(): Promise<FaultRelay> {
  const sandbox = await startSandbox({ port: 0, seedDemoData: true });
  const agent = new http.Agent({ keepAlive: true });
  const seen: SeenRequest[] = [];
  let faults: Array<Fault & { left: number }> = [];
  const sockets = new Map<Socket, SocketState>();

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.sendDate = false;
    const state = sockets.get(req.socket)!;
    state.requests++;
    state.busy = `${req.method} ${req.url}`;
    const socket = req.socket;
    res.once('finish', () => {
      if (sockets.get(socket)?.busy === state.busy) state.busy = null;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    seen.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders: [...req.rawHeaders], body: () => Buffer.concat(chunks) });

    const relay = (): void => {
      const forwarded = http.request(
        { host: '127.0.0.1', port: sandbox.port, method: req.method, path: req.url, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.destroy());
      req.pipe(forwarded);
    };
    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        (f.method === undefined || f.method === req.method) &&
        (req.url ?? '').startsWith(f.path ?? '/') &&
        state.requests >= (f.fromNthOnConnection ?? 1),
    );
    if (!fault) {
      relay();
      return;
    }
    fault.left--;
    faults = faults.filter((f) => f.left > 0);
    fault.action(req, res, relay);
  };

  let server = createServer();
  function createServer(): http.Server {
    const created = http.createServer({ requestTimeout: 0, keepAliveTimeout: 30_000 }, onRequest);
    created.on('connection', (socket: Socket) => {
      sockets.set(socket, { requests: 0, busy: null });
      socket.once('close', () => sockets.delete(socket));
    });
    return created;
  }
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;

  const busy = () => [...sockets.values()].filter((s) => s.busy !== null).map((s) => s.busy!);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sandbox,
    seen,
    inject(fault) {
      faults.push({ ...fault, left: fault.count ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    openSockets: () => sockets.size,
    busySockets: () => busy().length,
    async settled(timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      while (busy().length > 0) {
        if (Date.now() > deadline) throw new Error(`upstream sockets still busy after ${timeoutMs} ms: ${busy().join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async goDown() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets.keys()) socket.resetAndDestroy();
      await closed;
    },
    async comeBack() {
      server = createServer();
      await listen(port);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets.keys()) socket.destroy();
      if (server.listening) await closed;
      agent.destroy();
      await sandbox.close();
    },
  };
}

// ---- fault actions --------------------------------------------------------------

/** TCP reset without a byte of answer. */
export const resetBeforeHeaders: FaultAction = (req) => {
  req.socket.resetAndDestroy();
};

/** Closes (FIN) without an answer: a node that went away between requests. */
export const closeWithoutAnswer: FaultAction = (req) => {
  req.socket.destroy();
};

/** The head and half of a declared body, then a reset. */
export function resetMidAnswer(totalBytes = 64 * 1024): FaultAction {
  return (req, res) => {
    req.resume();
    req.once('end', () => {
      res.writeHead(200, ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-length', String(totalBytes)]);
      res.write(Buffer.alloc(totalBytes / 2, 0x20));
      setTimeout(() => req.socket.resetAndDestroy(), 30);
    });
  };
}

/** Reads `afterBytes` of the request body, then resets (the proxy is still sending). */
export function resetMidRequestBody(afterBytes = 64 * 1024): FaultAction {
  return (req) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= afterBytes) req.socket.resetAndDestroy();
    });
  };
}

/** Relays, but only after `ms`: the head comes late. */
export function slowHeaders(ms: number): FaultAction {
  return (_req, res, relay) => {
    const timer = setTimeout(relay, ms);
    // The proxy giving up closes the connection: nothing left to relay.
    res.once('close', () => clearTimeout(timer));
  };
}

/** A 200 JSON answer whose body comes one byte every `gapMs`. */
export function trickle(body: string, gapMs: number): FaultAction {
  return (req, res) => {
    req.resume();
    req.once('end', () => {
      res.writeHead(200, ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-length', String(Buffer.byteLength(body))]);
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= body.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(body[i++]);
      }, gapMs);
      res.once('close', () => clearInterval(timer));
    });
  };
}

/** An answer with this status, headers and body. */
export function answer(status: number, body: string, contentType = 'application/json'): FaultAction {
  return (req, res) => {
    req.resume();
    req.once('end', () => {
      res.writeHead(status, ['X-elastic-product', 'Elasticsearch', 'content-type', contentType, 'content-length', String(Buffer.byteLength(body))]);
      res.end(body);
    });
  };
}

/** A JSON answer cut short: the declared length is the cut length, so the framing is sound and the JSON is not. */
export function truncatedJson(full: string, keep: number): FaultAction {
  return answer(200, full.slice(0, keep));
}
