/**
 * The passthrough: relays a client request to the cluster and the cluster's
 * answer back, streaming both ways, through one keep-alive undici Pool.
 *
 * What goes upstream: the method, the raw request target (`req.url`, never
 * decoded or re-encoded), the client's end-to-end headers (hop-by-hop.ts) with
 * Host set to the cluster's, and the body piped from `req` (undici writes it
 * as it reads it and pauses `req` when the socket is full).
 * What comes back: status, reason phrase, end-to-end headers and body bytes as
 * they arrive (no decompression, no re-chunking beyond node's own framing).
 */
import type * as http from 'node:http';
import type { Readable } from 'node:stream';
import { Pool } from 'undici';
import type { buildConnector, Dispatcher } from 'undici';
import { upstreamRequestHeaders } from '../http/headers';
import { ProxiedExchange, type ExchangeSettings } from './proxied-exchange';
import { isOriginForm, refuseNonOriginTarget } from './request-target';
import { resetTolerantConnector } from './upstream-connector';

export interface ForwardOptions {
  /** When the guard already drained the request body: send these bytes instead of piping req. */
  body?: Buffer;
  /** Called with the upstream status and headers before they are written; may add headers (e.g. a Warning). */
  onResponseHead?: (statusCode: number, headers: Record<string, string | string[]>) => Record<string, string | string[]>;
  /**
   * Replaces the response body stream (for a later sniff-rewrite feature); default: stream as is.
   * Receives the cluster's body bytes exactly as sent (still compressed if
   * Content-Encoding says so) and the head as written to the client; returns
   * the stream to send instead. Content-Length is dropped from the answer when
   * this is set, since the replacement may change the length.
   */
  replaceResponseBody?: (
    upstreamBody: Readable,
    head: { statusCode: number; headers: Record<string, string | string[]> },
  ) => Readable;
}

export interface Forwarder {
  /** Resolves once the exchange is over (answered, failed or aborted); never rejects. */
  forward(req: http.IncomingMessage, res: http.ServerResponse, options?: ForwardOptions): Promise<void>;
  /** Stops taking requests and resolves when in-flight ones have finished. */
  close(): Promise<void>;
}

export interface ForwarderConfig {
  /** `http(s)://host[:port]` of the cluster, no path. */
  upstreamUrl: string;
  /** Cap on upstream connections; default unlimited, i.e. one per concurrent request, as without the proxy. */
  connections?: number;
  /**
   * Milliseconds to wait for the answer head and between body chunks; 0 (the
   * default) = none: no proxy-side timeout cuts a long call the client still
   * waits for (`_ml/.../_start?wait_for=`, `_reindex`, a slow `_bulk`).
   * undici checks these on a ~0.5 s tick, so a cut comes up to ~1 s late.
   * Header timeout: 502 (no answer yet); body timeout: the client connection
   * is cut (the status is already out).
   */
  upstreamTimeoutMs?: number;
  /** undici `connect` options, e.g. TLS `ca`/`servername`/`checkServerIdentity` for CA pinning. */
  connect?: Partial<buildConnector.BuildOptions> | buildConnector.connector;
  /** Told about every cluster failure the proxy answers for (502, or a cut answer). */
  onUpstreamError?: (err: Error, req: http.IncomingMessage) => void;
  /** Told when a request is sent once more on a fresh connection (see stale-connection-retry.ts). */
  onUpstreamRetry?: (err: Error, req: http.IncomingMessage) => void;
}

interface UpstreamOrigin {
  origin: string;
  /** Host header value: host plus port unless it is the scheme's default (RFC 9110 §7.2). */
  host: string;
}

function parseUpstreamUrl(upstreamUrl: string): UpstreamOrigin {
  const url = new URL(upstreamUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`upstreamUrl must be http: or https:, got ${url.protocol}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    // The raw client target is forwarded as is; a base path would be silently ignored.
    throw new TypeError('upstreamUrl must not have a path, query or fragment');
  }
  if (url.username !== '' || url.password !== '') {
    // Callers' own credentials are relayed; the proxy adds none.
    throw new TypeError('upstreamUrl must not carry credentials');
  }
  return { origin: url.origin, host: url.host };
}

export function createForwarder(config: ForwarderConfig): Forwarder {
  const upstream = parseUpstreamUrl(config.upstreamUrl);
  const upstreamTimeoutMs = config.upstreamTimeoutMs ?? 0;
  if (!Number.isFinite(upstreamTimeoutMs) || upstreamTimeoutMs < 0) {
    throw new TypeError('upstreamTimeoutMs must be a non-negative number (0 = no timeout)');
  }
  const connect = resetTolerantConnector(config.connect);
  const pool = new Pool(upstream.origin, {
    connections: config.connections ?? null,
    // undici's defaults (300 s) would cut long calls; 0 disables them.
    headersTimeout: upstreamTimeoutMs,
    bodyTimeout: upstreamTimeoutMs,
    connect,
  });
  // Retries go through a pool of their own whose connections each carry one
  // request (dispatched with reset: true), so a retry always gets a fresh
  // connection, never another idle one the cluster may have closed too.
  const retryPool = new Pool(upstream.origin, { headersTimeout: upstreamTimeoutMs, bodyTimeout: upstreamTimeoutMs, connect });
  const settings: ExchangeSettings = {
    upstreamTimeoutMs,
    onUpstreamError: config.onUpstreamError,
    onUpstreamRetry: config.onUpstreamRetry,
    retryDispatcher: retryPool,
  };

  function forward(req: http.IncomingMessage, res: http.ServerResponse, options?: ForwardOptions): Promise<void> {
    if (!isOriginForm(req.url)) {
      refuseNonOriginTarget(req, res);
      return Promise.resolve();
    }
    const replacementBody = options?.body;
    const head = upstreamRequestHeaders(req.rawHeaders, upstream.host, replacementBody !== undefined);
    const dispatchOptions: Dispatcher.DispatchOptions = {
      path: req.url,
      method: req.method ?? 'GET',
      headers: head.headers,
      body: replacementBody ?? (head.hasBody ? req : null),
      // undici closes the connection after every HEAD by default (for
      // servers that wrongly send a body); Elasticsearch does not, and
      // HEAD is frequent (index/alias existence checks), so keep it alive.
      reset: false,
    };
    const exchange = new ProxiedExchange(req, res, options, settings, dispatchOptions);
    pool.dispatch(dispatchOptions, exchange);
    return exchange.done;
  }

  return {
    forward,
    close: async () => {
      await Promise.all([pool.close(), retryPool.close()]);
    },
  };
}
