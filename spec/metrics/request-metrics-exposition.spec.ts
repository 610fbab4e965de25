/**
 * The cheap per-request metrics expose exactly what prom-client's own
 * Counter and Histogram would for the same requests.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { RequestMetrics } from '../../src/metrics/request-metrics';
import { statusClass } from '../../src/metrics/proxy-metrics';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const NAMES = {
  requests: { name: 'mag_requests_total', help: 'Requests answered, by route class and status class' },
  duration: { name: 'mag_request_duration_seconds', help: 'Time from request to the end of the answer, by route class' },
};

describe('RequestMetrics', () => {
  it('writes the same exposition as prom-client for the same requests', async () => {
    const fast = new Registry();
    const metrics = new RequestMetrics(fast, BUCKETS, NAMES);
    const reference = new Registry();
    const counter = new Counter({ ...NAMES.requests, labelNames: ['route', 'status_class'], registers: [reference] });
    const histogram = new Histogram({ ...NAMES.duration, labelNames: ['route'], buckets: BUCKETS, registers: [reference] });
    const requests: Array<[string, number, number]> = [
      ['passthrough', 200, 0.0004], ['passthrough', 201, 0.0005], ['passthrough', 404, 0.003], ['passthrough', 502, 61],
      ['put_model_alias', 400, 0.02], ['put_model_alias', 200, 1], ['sniff', 200, 0.25], ['malformed', 0, 0.0001],
    ];
    for (const [route, status, seconds] of requests) {
      metrics.record(route, status, seconds);
      counter.inc({ route, status_class: statusClass(status) });
      histogram.observe({ route }, seconds);
    }
    const sortLines = (text: string) => text.split('\n').sort().join('\n');
    expect(sortLines(await fast.metrics())).toBe(sortLines(await reference.metrics()));
  });
});
