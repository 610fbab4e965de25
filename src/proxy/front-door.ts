/**
 * The proxy's listening socket: a plain node:http(s) server that sends each
 * request either to the guard (a guarded route, handled by the Express app)
 * or straight to the forwarder. Passthrough traffic never enters Express, so
 * it pays for one route match and nothing else.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Forwarder } from './forwarder';
import { sendGuardError } from '../http/send-guard-error';
import { InternalGuardError } from '../errors';
import { hasFragment, isOriginForm, refuseFragment, refuseNonOriginTarget } from './request-target';
import { isClosingAfterAnswer } from './close-after-answer';

export interface FrontDoorOptions<M> {
  /** Returns a match for a guarded route, `null` for everything that is only forwarded. */
  matchGuarded: (method: string, rawUrl: string) => M | null;
  /** Handles a guarded request (the guard's Express app). */
  handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse, match: M) => void;
  forwarder: Forwarder;
  /** Serve HTTPS with this certificate and key; plain HTTP when absent. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Told about malformed or aborted client connections (after the proxy answered 4xx or dropped them). */
  onClientError?: (err: Error, socket: Duplex) => void;
  /** Told about an exception thrown while routing or inside handleGuarded; the client got a 500. */
  onInternalError?: (err: Error, req: http.IncomingMessage) => void;
  /**
   * Idle time before the proxy closes a client keep-alive connection. Must be
   * longer than any client or load balancer in front keeps idle connections
   * (clients reuse sockets right up to their own limit; if the server closes
   * first, a request can race the close and fail). Default 65 s, above the
   * common 60 s load balancer idle timeout.
   */
  keepAliveTimeoutMs?: number;
}

const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Node's own mapping for parser errors that are not a plain 400 (see node's _http_server). */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

export function createFrontDoor<M>(options: FrontDoorOptions<M>): http.Server | https.Server {
  const { matchGuarded, handleGuarded, forwarder, onClientError, onInternalError } = options;

  function route(req: http.IncomingMessage, res: http.ServerResponse): void {
    // A request pipelined behind an answer that closes the connection is not
    // served (RFC 9112 §9.6); the connection ends after that answer.
    if (isClosingAfterAnswer(req.socket)) return;
    // Checked before matching: a target the matcher might misread (absolute
    // form) must neither reach the guard nor the cluster.
    if (!isOriginForm(req.url)) {
      refuseNonOriginTarget(req, res);
      return;
    }
    // Before routing, on every route: versions disagree on where a path with
    // a `#` ends (docs §8.3), so neither the guard nor the cluster gets one.
    if (hasFragment(req.url)) {
      refuseFragment(req, res);
      return;
    }
    try {
      const match = matchGuarded(req.method ?? '', req.url);
      if (match === null) {
        void forwarder.forward(req, res);
      } else {
        handleGuarded(req, res, match);
      }
    } catch (err) {
      // Fail closed: a routing fault must not turn into an unguarded forward.
      onInternalError?.(err as Error, req);
      answerInternalError(req, res);
    }
  }

  /**
   * `Expect: 100-continue` (RFC 9110 §10.1.1). The proxy answers the
   * expectation itself rather than relaying it: undici's HTTP/1.1 client
   * cannot send `Expect` and wait for the cluster's 100, and Elasticsearch
   * always continues anyway. A request the proxy will refuse outright gets
   * its final status instead of 100, so the client does not send a body for
   * nothing; everything else gets 100 now and is routed as usual (the Expect
   * field itself stays at this hop, see hop-by-hop.ts).
   */
  function checkContinue(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!isOriginForm(req.url)) {
      refuseNonOriginTarget(req, res);
      return;
    }
    if (hasFragment(req.url)) {
      refuseFragment(req, res);
      return;
    }
    res.writeContinue();
    route(req, res);
  }

  /** Malformed HTTP never becomes a request: answer 4xx if the socket is clean, then close it. */
  function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
    onClientError?.(err, socket);
    if (err.code === 'ECONNRESET' || !socket.writable || responseInProgress(socket)) {
      socket.destroy();
      return;
    }
    const status = (err.code && CLIENT_ERROR_STATUS[err.code]) || 400;
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  const serverOptions: http.ServerOptions = {
    // Long calls (`_ml/.../_start?wait_for=...`, large `_bulk` uploads) must
    // not be cut by the proxy; 0 disables node's 300 s whole-request limit.
    requestTimeout: 0,
    noDelay: true,
  };
  const server = options.tls
    ? https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, route)
    : http.createServer(serverOptions, route);
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  // Time allowed to receive a request's header block; kept above the
  // keep-alive timeout, as node advises, so an idle keep-alive connection is
  // closed by the keep-alive timer and not reported as a header timeout.
  server.headersTimeout = server.keepAliveTimeout + 1_000;
  server.on('checkContinue', checkContinue);
  server.on('clientError', clientError);
  return server;
}

function answerInternalError(req: http.IncomingMessage, res: http.ServerResponse): void {
  sendGuardError(req, res, new InternalGuardError('failed to route the request'));
}

/** Node's own guard (_http_server socketOnError): never write raw bytes into a response already under way. */
function responseInProgress(socket: Duplex): boolean {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return inFlight !== undefined && inFlight !== null && inFlight.headersSent === true;
}
