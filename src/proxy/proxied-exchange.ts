/**
 * One client request relayed to the cluster: the undici dispatch handler that
 * writes the cluster's answer to the client as it arrives.
 *
 * It uses undici's raw handler callbacks (onConnect/onHeaders/onData/
 * onComplete/onError) rather than `pool.request()`/`pool.stream()`: they hand
 * over the raw header list (names as the cluster spelled them, duplicates in
 * order) and cost no intermediate stream or parsed header object per request.
 * Those callbacks are marked deprecated in undici 7's typings in favour of
 * onRequestStart/onResponseStart/..., which pass a parsed, lower-cased header
 * object; undici still dispatches the raw form natively (no wrapper), so
 * when moving to undici 8 read `controller.rawHeaders` in onResponseStart.
 */
import type * as http from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { EsFlatRejection, UpstreamUnavailableError } from '../errors';
import { downstreamResponseHeaders, headerRecord, withoutField } from '../http/headers';
import { sendGuardError } from '../http/send-guard-error';
import { describeUpstreamFailure } from './upstream-failure';
import { closeConnectionAfterAnswer } from './close-after-answer';
import { isConnectionLost, isReplayable } from './stale-connection-retry';
import type { ForwardOptions } from './forwarder';

/** The reason given to undici when the client went away; recognised in onError. */
class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  constructor() {
    super('the client closed the connection before the answer was complete');
  }
}

/** An upstream answer the proxy cannot relay (for example a header node refuses to write). */
class UnrelayableResponseError extends Error {
  override readonly name = 'UnrelayableResponseError';
}

/** Replacement bodies up to this size are sent whole, with their exact Content-Length. */
const REPLACEMENT_HELD_BYTES = 1024 * 1024;

export interface ExchangeSettings {
  upstreamTimeoutMs: number;
  onUpstreamError: ((err: Error, req: http.IncomingMessage) => void) | undefined;
  onUpstreamRetry: ((err: Error, req: http.IncomingMessage) => void) | undefined;
  /** Where a request is sent once more after a lost connection (fresh connections only). */
  retryDispatcher: Dispatcher;
}

export class ProxiedExchange implements Dispatcher.DispatchHandler {
  private abortUpstream: ((err?: Error) => void) | null = null;
  private clientGone = false;
  private finished = false;
  /** Some of the answer arrived (a head): from then on a failure is never retried. */
  private answerStarted = false;
  private retried = false;
  private resumeUpstream: (() => void) | null = null;
  /** Set when `replaceResponseBody` is used: the cluster's body as a stream. */
  private upstreamBody: Readable | null = null;
  readonly done: Promise<void>;
  private settle!: () => void;

  constructor(
    private readonly req: http.IncomingMessage,
    private readonly res: http.ServerResponse,
    private readonly options: ForwardOptions | undefined,
    private readonly settings: ExchangeSettings,
    private readonly dispatchOptions: Dispatcher.DispatchOptions,
  ) {
    this.done = new Promise<void>((resolve) => {
      this.settle = resolve;
    });
    // A client abort shows as 'close' on the response before it finished
    // (socket gone), or on the request before its body was complete.
    res.on('close', this.onClientClose);
    // Only a body still streaming from the client can end early; without one
    // (or with one already read by the guard) the response's close tells of an abort.
    if (dispatchOptions.body === req) req.on('close', this.onClientClose);
  }

  // ---- client side -------------------------------------------------------

  private readonly onClientClose = (): void => {
    if (this.finished || this.clientGone) return;
    if (this.res.writableFinished) return;
    if (!this.res.destroyed && this.req.complete) return; // request body done, response still coming
    this.clientGone = true;
    // Aborting destroys the upstream socket: the cluster sees the close (and
    // stops work where it watches for it), and the pool opens a fresh one.
    // Before onConnect there is nothing to abort yet; onConnect checks the flag.
    this.abortUpstream?.(new ClientGoneError());
  };

  // ---- undici handler ----------------------------------------------------

  onConnect(abort: (err?: Error) => void): void {
    if (this.clientGone) {
      abort(new ClientGoneError()); // queued while the client left: never sent
      return;
    }
    this.abortUpstream = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean {
    this.answerStarted = true;
    // 1xx interim answers are not relayed: node cannot write arbitrary 1xx
    // responses, and Elasticsearch sends none (100 is consumed by undici).
    if (statusCode < 200) return true;
    this.resumeUpstream = resume;
    // The cluster answered before the whole body reached it (a 413 over
    // http.max_content_length, docs §8.2): this answer is the connection's
    // last, and the rest of the client's body is read only to be discarded.
    if (!this.req.complete) closeConnectionAfterAnswer(this.req, this.res);
    try {
      this.writeHead(statusCode, rawHeaders, statusText);
    } catch (err) {
      this.abortUpstream?.(new UnrelayableResponseError(`response head could not be relayed: ${(err as Error).message}`));
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.upstreamBody) return this.upstreamBody.push(chunk);
    if (this.res.write(chunk)) return true;
    // Client is slower than the cluster: pause the upstream parser (undici
    // stops reading the socket, TCP pushes back) until the client drains.
    this.res.once('drain', this.resumeUpstream!);
    return false;
  }

  onComplete(): void {
    this.finished = true;
    if (this.upstreamBody) this.upstreamBody.push(null);
    else this.res.end();
    this.settle();
  }

  onError(err: Error): void {
    if (this.retryOnFreshConnection(err)) return;
    this.finished = true;
    if (this.upstreamBody) this.upstreamBody.destroy(err);
    if (err instanceof ClientGoneError || this.clientGone || this.clientSocketClosed()) {
      this.res.destroy();
    } else if (this.res.headersSent) {
      // Mid-answer failure: the status is already out, so the only honest
      // signal left is an incomplete message (RFC 9112 §8). Never a second response.
      this.settings.onUpstreamError?.(err, this.req);
      this.res.destroy();
    } else {
      this.settings.onUpstreamError?.(err, this.req);
      sendGuardError(this.req, this.res, this.errorAnswer(err));
    }
    this.settle();
  }

  // ---- helpers -----------------------------------------------------------

  /** Sends the request once more on a fresh connection when stale-connection-retry.ts allows it. */
  private retryOnFreshConnection(err: Error): boolean {
    if (this.retried || this.answerStarted || this.clientGone || this.clientSocketClosed()) return false;
    if (!isConnectionLost(err) || !isReplayable(this.dispatchOptions)) return false;
    this.retried = true;
    this.abortUpstream = null;
    this.settings.onUpstreamRetry?.(err, this.req);
    this.settings.retryDispatcher.dispatch({ ...this.dispatchOptions, reset: true }, this);
    return true;
  }

  private writeHead(statusCode: number, rawHeaders: Buffer[], statusText: string): void {
    const headers = downstreamResponseHeaders(rawHeaders);
    const onResponseHead = this.options?.onResponseHead;
    const replaceResponseBody = this.options?.replaceResponseBody;
    if (!onResponseHead && !replaceResponseBody) {
      // Fast path: the raw list goes out as it came, order and spelling kept.
      this.res.writeHead(statusCode, statusText, headers);
      return;
    }
    let record = headerRecord(headers);
    if (onResponseHead) record = onResponseHead(statusCode, record);
    if (replaceResponseBody) {
      // The cluster's Content-Length no longer applies; the head waits for the
      // replacement so it can carry the replacement's own length.
      this.pipeReplacedBody(replaceResponseBody, statusCode, statusText, withoutField(record, 'content-length'));
      return;
    }
    this.res.writeHead(statusCode, statusText, record);
  }

  /**
   * Sends the replacement body. One that ends within REPLACEMENT_HELD_BYTES
   * goes out whole with its exact Content-Length (RFC 9110 §8.6), as the
   * cluster's own answer would; a longer one is streamed, framed by chunked
   * encoding, so a replacement never needs to be held whole.
   */
  private pipeReplacedBody(
    replace: NonNullable<ForwardOptions['replaceResponseBody']>,
    statusCode: number,
    statusText: string,
    headers: Record<string, string | string[]>,
  ): void {
    this.upstreamBody = new Readable({ read: () => this.resumeUpstream?.() });
    const replacement = replace(this.upstreamBody, { statusCode, headers });
    const held: Buffer[] = [];
    let heldBytes = 0;
    let streaming = false;
    replacement.on('data', (chunk: Buffer) => {
      let out = chunk;
      if (!streaming) {
        held.push(chunk);
        heldBytes += chunk.length;
        if (heldBytes <= REPLACEMENT_HELD_BYTES) return;
        streaming = true;
        this.res.writeHead(statusCode, statusText, headers);
        out = Buffer.concat(held);
        held.length = 0;
      }
      if (!this.res.write(out)) {
        replacement.pause();
        this.res.once('drain', () => replacement.resume());
      }
    });
    replacement.on('end', () => {
      if (streaming) {
        this.res.end();
        return;
      }
      const body = Buffer.concat(held);
      this.res.writeHead(statusCode, statusText, { ...headers, 'content-length': String(body.length) });
      this.res.end(body);
    });
    replacement.on('error', () => {
      this.abortUpstream?.(new UnrelayableResponseError('response body replacement failed'));
      this.res.destroy();
    });
  }

  private clientSocketClosed(): boolean {
    return this.res.destroyed || (this.req.destroyed && !this.req.complete);
  }

  private errorAnswer(err: Error): UpstreamUnavailableError | EsFlatRejection {
    // undici refuses some requests before a byte is sent (InvalidArgumentError):
    // that is the request's fault, not the cluster's.
    if ((err as NodeJS.ErrnoException).code === 'UND_ERR_INVALID_ARG') {
      return new EsFlatRejection(400, `model-alias-guard could not relay the request: ${err.message}`);
    }
    if (err instanceof UnrelayableResponseError) return new UpstreamUnavailableError(err.message);
    return new UpstreamUnavailableError(describeUpstreamFailure(err, this.settings.upstreamTimeoutMs));
  }
}
