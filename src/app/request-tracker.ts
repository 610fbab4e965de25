/**
 * Follows every request on the proxied port from arrival to the end of its
 * answer: counts it by route class and status class (metrics), writes one
 * access line at debug (with the caller's X-Opaque-Id as correlation id), knows what
 * is still in flight, and, once a shutdown has begun, makes every answer
 * close its connection so clients move to another node instead of reusing
 * a socket that is about to go away.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ProxyMetrics, RouteClass } from '../metrics/proxy-metrics';
import type { Logger } from '../log/logger';

/** One answer in flight, linked into the tracker's list until it ends. */
interface InFlightEntry {
  readonly res: ServerResponse;
  previous: InFlightEntry | null;
  next: InFlightEntry | null;
  linked: boolean;
}

/**
 * Why a hand-made list and not a `Set<ServerResponse>`: measured on the
 * passthrough, with a Set that gets one add and one delete per request,
 * after a `_bulk` load every scavenge kept about 8 MB of finished requests
 * alive and the heap grew by 2.4 MB per scavenge until a full collection;
 * the GET then cost 20-40 % more CPU per request. Without the Set the heap
 * stayed at 10 MB. (The likely reason: V8 keeps each hash table a Set has
 * outgrown linked to its successor, for iterators, so one such table in the
 * old generation keeps every later table, and what they held, alive
 * through scavenges.) Here an entry that leaves the list points at nothing.
 */
export class RequestTracker {
  private head: InFlightEntry | null = null;
  private draining = false;

  constructor(
    private readonly metrics: ProxyMetrics,
    private readonly logger: Logger,
    /** Names the route class of a request; called once per request, so it must be cheap. */
    private readonly classify: (req: IncomingMessage) => RouteClass,
  ) {}

  /** Registers after the front door's own listener, so it never delays routing. */
  attach(server: Server): void {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.track(req, res));
  }

  /** Walks the list: asked only while a shutdown drains (drain-server.ts), never per request. */
  get inFlightCount(): number {
    let count = 0;
    for (let entry = this.head; entry !== null; entry = entry.next) count++;
    return count;
  }

  /** From now on every answer carries `Connection: close` (RFC 9112 §9.6), those in flight included. */
  startDraining(): void {
    this.draining = true;
    for (let entry = this.head; entry !== null; entry = entry.next) {
      if (!entry.res.headersSent) entry.res.shouldKeepAlive = false;
    }
  }

  private link(res: ServerResponse): InFlightEntry {
    const entry: InFlightEntry = { res, previous: null, next: this.head, linked: true };
    if (this.head !== null) this.head.previous = entry;
    this.head = entry;
    return entry;
  }

  /** False when the entry had already left the list. */
  private unlink(entry: InFlightEntry): boolean {
    if (!entry.linked) return false;
    if (entry.previous !== null) entry.previous.next = entry.next;
    else this.head = entry.next;
    if (entry.next !== null) entry.next.previous = entry.previous;
    entry.previous = null;
    entry.next = null;
    entry.linked = false;
    return true;
  }

  private track(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const route = this.classify(req);
    const entry = this.link(res);
    if (this.draining) res.shouldKeepAlive = false;
    const done = () => {
      if (!this.unlink(entry)) return;
      const seconds = (performance.now() - started) / 1000;
      // An answer cut before it ended is counted with the status it started with.
      this.metrics.requestDone(route, res.statusCode, seconds);
      if (this.logger.isLevelEnabled('debug')) {
        const opaqueId = req.headers['x-opaque-id'];
        this.logger.debug(
          {
            access: { method: req.method, url: req.url, route, status: res.statusCode, complete: res.writableFinished },
            opaque_id: typeof opaqueId === 'string' ? opaqueId : undefined,
            duration_ms: Math.round(seconds * 10000) / 10,
          },
          'access',
        );
      }
    };
    // 'close' follows 'finish' for every answer, and comes alone for one cut
    // short; it comes once, and done() ignores a repeat (no once() wrapper).
    res.on('close', done);
  }
}
