/**
 * The two per-request metrics of the proxied port, `mag_requests_total`
 * (route, status_class) and `mag_request_duration_seconds` (route), kept as
 * plain numbers and turned into Prometheus samples only when scraped.
 *
 * Why not prom-client's Counter and Histogram here: every `inc`/`observe`,
 * even on a label child, hashes its label object into a string key, and a
 * histogram walks its bucket objects; on the passthrough path that is paid
 * for every request. Here recording one request is an array lookup and a few
 * increments. The exposition is the one prom-client's own types write (same
 * names, help, labels, cumulative `le` buckets, `_sum`, `_count`), so
 * dashboards and alerts see no difference.
 */
import type { Registry } from 'prom-client';

interface Sample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

interface MetricData {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: Sample[];
  aggregator: 'sum';
}

/** The shape prom-client's Registry asks of a metric object. */
interface RegistrableMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<MetricData>;
  reset(): void;
}

interface RouteSeries {
  route: string;
  /** Requests per status class, indexed by statusIndex(). */
  byStatus: Float64Array;
  /** Non-cumulative bucket counts; the last slot is above the largest bound. */
  buckets: Float64Array;
  sum: number;
  count: number;
}

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'other'] as const;

function statusIndex(status: number): number {
  return status >= 100 && status < 600 ? ((status / 100) | 0) - 1 : 5;
}

export class RequestMetrics {
  private readonly series = new Map<string, RouteSeries>();

  constructor(
    registry: Registry,
    private readonly bounds: readonly number[],
    names: { requests: { name: string; help: string }; duration: { name: string; help: string } },
  ) {
    registry.registerMetric(this.metric(names.requests.name, names.requests.help, 'counter', () => this.requestSamples()) as never);
    registry.registerMetric(this.metric(names.duration.name, names.duration.help, 'histogram', () => this.durationSamples(names.duration.name)) as never);
  }

  record(route: string, status: number, seconds: number): void {
    let series = this.series.get(route);
    if (series === undefined) {
      series = { route, byStatus: new Float64Array(STATUS_CLASSES.length), buckets: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.series.set(route, series);
    }
    series.byStatus[statusIndex(status)]++;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]) i++;
    series.buckets[i]++;
    series.sum += seconds;
    series.count++;
  }

  private metric(name: string, help: string, type: 'counter' | 'histogram', values: () => Sample[]): RegistrableMetric {
    return {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => this.series.clear(),
    };
  }

  private requestSamples(): Sample[] {
    const samples: Sample[] = [];
    for (const series of this.series.values()) {
      series.byStatus.forEach((value, index) => {
        if (value > 0) samples.push({ value, labels: { route: series.route, status_class: STATUS_CLASSES[index] } });
      });
    }
    return samples;
  }

  private durationSamples(name: string): Sample[] {
    const samples: Sample[] = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.buckets[index];
        samples.push({ value: cumulative, labels: { le: bound, route: series.route }, metricName: `${name}_bucket` });
      });
      samples.push({ value: series.count, labels: { le: '+Inf', route: series.route }, metricName: `${name}_bucket` });
      samples.push({ value: series.sum, labels: { route: series.route }, metricName: `${name}_sum` });
      samples.push({ value: series.count, labels: { route: series.route }, metricName: `${name}_count` });
    }
    return samples;
  }
}
