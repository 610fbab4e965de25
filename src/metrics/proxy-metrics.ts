/**
 * The proxy's Prometheus metrics (prom-client), in a registry of its own so
 * several proxies in one process (tests) never share counters. Every label
 * takes a small, fixed set of values: never a raw URL, an index name or an id.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DecisionLine } from '../guard/exchange/decision-log';
import type { ReadKind } from '../es/metadata-client';
import { RequestMetrics } from './request-metrics';
import type { GuardedRouteKind } from '../rest/route-matcher';

/** Which kind of request: one of the guarded routes, or plain passthrough. */
export type RouteClass = 'passthrough' | GuardedRouteKind | 'sniff' | 'malformed';


const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

export class ProxyMetrics {
  readonly registry = new Registry();

  /** mag_requests_total and mag_request_duration_seconds: recorded for every request, so kept cheap (request-metrics.ts). */
  private readonly requests = new RequestMetrics(this.registry, DURATION_BUCKETS, {
    requests: { name: 'mag_requests_total', help: 'Requests answered, by route class and status class' },
    duration: { name: 'mag_request_duration_seconds', help: 'Time from request to the end of the answer, by route class' },
  });

  private readonly decisions = new Counter({
    name: 'mag_guard_decisions_total',
    help: 'Guard decisions by route, rule and verdict (allowed, refused, invalid, not_authorized, failed_closed, would_refuse, would_fail_closed, error)',
    labelNames: ['route', 'rule', 'verdict'] as const,
    registers: [this.registry],
  });

  private readonly failClosed = new Counter({
    name: 'mag_fail_closed_total',
    help: 'Guarded requests refused with 503 because a metadata read failed',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  private readonly readDuration = new Histogram({
    name: 'mag_metadata_read_duration_seconds',
    help: 'Duration of the metadata reads the guards make, by read',
    labelNames: ['read', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly readFailures = new Counter({
    name: 'mag_metadata_read_failures_total',
    help: 'Metadata reads that gave no usable answer (transport failure, 5xx, wrong shape), by read',
    labelNames: ['read'] as const,
    registers: [this.registry],
  });

  private readonly upstreamErrors = new Counter({
    name: 'mag_upstream_errors_total',
    help: 'Forwarded requests the cluster could not answer (502 or a cut answer)',
    registers: [this.registry],
  });

  private readonly upstreamRetries = new Counter({
    name: 'mag_upstream_retries_total',
    help: 'Forwarded requests sent once more on a fresh connection because the cluster closed the connection before any answer (idempotent, replayable requests only)',
    registers: [this.registry],
  });

  private readonly sniffRewrites = new Counter({
    name: 'mag_sniff_rewrites_total',
    help: 'Node-info answers whose publish addresses were rewritten to the proxy',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'mag_' });
  }

  requestDone(route: RouteClass, status: number, seconds: number): void {
    this.requests.record(route, status, seconds);
  }

  decision(decision: DecisionLine): void {
    this.decisions.inc({ route: decision.route, rule: decision.rule, verdict: decision.verdict });
    if (decision.verdict === 'failed_closed') this.failClosed.inc({ route: decision.route });
  }

  metadataRead(read: ReadKind, seconds: number, ok: boolean): void {
    this.readDuration.observe({ read, outcome: ok ? 'answered' : 'failed' }, seconds);
    if (!ok) this.readFailures.inc({ read });
  }

  upstreamError(): void {
    this.upstreamErrors.inc();
  }

  upstreamRetry(): void {
    this.upstreamRetries.inc();
  }

  sniffRewrite(): void {
    this.sniffRewrites.inc();
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
