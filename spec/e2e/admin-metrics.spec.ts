/**
 * The admin listener: /healthz, /readyz and Prometheus /metrics with
 * requests by route and status class, guard decisions by rule and verdict,
 * metadata reads, fail-closed refusals and upstream errors; labels stay
 * bounded (never a raw URL, an index name or an id). /metrics on the
 * proxied port is an ordinary Elasticsearch request, forwarded.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { seedTypeMismatch } from '../support/fixtures';

const stack = useStack();

function sample(metrics: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describeSandboxOnly('admin listener', () => {
  it('answers health and readiness on its own port', async () => {
    expect((await raw(stack.adminUrl, 'GET', '/healthz')).json).toEqual({ status: 'ok' });
    expect((await raw(stack.adminUrl, 'GET', '/readyz')).status).toBe(200);
  });

  it('counts requests, decisions, reads and fail-closed refusals with bounded labels', async () => {
    await seedTypeMismatch(stack.direct);
    await stack.direct.indices.create({ index: 'secret-index-name' });

    await raw(stack.proxyUrl, 'GET', '/secret-index-name/_search');
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true');
    await stack.control('POST', '/_sandbox/faults', { method: 'GET', path: '/_ml/trained_models/mag-test-alias', status: 500 });
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true');

    const metrics = (await raw(stack.adminUrl, 'GET', '/metrics')).text;
    expect(sample(metrics, 'mag_requests_total', { route: 'passthrough', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'mag_requests_total', { route: 'put_model_alias', status_class: '4xx' })).toBe(1);
    expect(sample(metrics, 'mag_requests_total', { route: 'put_model_alias', status_class: '5xx' })).toBe(1);
    expect(sample(metrics, 'mag_guard_decisions_total', { route: 'put_model_alias', rule: 'inference_config_mismatch', verdict: 'refused' })).toBe(1);
    expect(sample(metrics, 'mag_guard_decisions_total', { route: 'put_model_alias', rule: 'METADATA_READ_FAILED', verdict: 'failed_closed' })).toBe(1);
    expect(sample(metrics, 'mag_fail_closed_total', { route: 'put_model_alias' })).toBe(1);
    expect(sample(metrics, 'mag_metadata_read_failures_total', { read: 'trained_models' })).toBe(1);
    expect(sample(metrics, 'mag_metadata_read_duration_seconds_count', { read: 'trained_models', outcome: 'answered' })).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(/mag_request_duration_seconds_bucket\{le="0.005",route="passthrough"\}/);
    // No raw URL, index name or model id ever becomes a label value.
    expect(metrics).not.toMatch(/secret-index-name|mag-test-|_search/);
  });

  it('forwards GET /metrics on the proxied port to the cluster', async () => {
    const viaProxy = await raw(stack.proxyUrl, 'GET', '/metrics');
    const direct = await raw(stack.esUrl, 'GET', '/metrics');
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.text).toBe(direct.text);
  });
});
