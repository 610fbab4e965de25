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

export class RequestTracker {
  private readonly inFlight = new Set<ServerResponse>();
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

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** From now on every answer carries `Connection: close` (RFC 9112 §9.6), those in flight included. */
  startDraining(): void {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  }

  private track(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const route = this.classify(req);
    this.inFlight.add(res);
    if (this.draining) res.shouldKeepAlive = false;
    const done = () => {
      if (!this.inFlight.delete(res)) return;
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
