/**
 * GUARD_MODE=report, for a safe roll-out: a change the guard would refuse is
 * forwarded, logged and counted as `would_refuse`, and the answer carries a
 * Warning the official client surfaces.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, seedTypeMismatch } from '../support/fixtures';

const stack = useStack({ proxy: { GUARD_MODE: 'report' } });
beforeEach(async () => stack.reset());

describeSandboxOnly('report mode', () => {
  it('forwards what it would refuse, with a Warning that says why, and logs would_refuse', async () => {
    // An 8.5-style gap is not needed: the cluster's own answer is relayed, whatever it is.
    await seedTypeMismatch(stack.direct);
    await stack.control('DELETE', '/_sandbox/requests');
    const result = await stack.viaProxy.ml
      .putTrainedModelAlias({ model_id: 'mag-test-cls', model_alias: 'mag-test-alias', reassign: true }, { meta: true })
      .catch((error) => error.meta);
    // The cluster (8.15) refuses it itself; the proxy relayed its answer and added its own warning.
    expect(result.statusCode).toBe(400);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^299 Elasticsearch-\S+ "model-alias-guard would have refused this request \(inference_config_mismatch\): cannot reassign model_alias \[mag-test-alias\]/),
    ]);
    const log = await stack.control('GET', '/_sandbox/requests?method=PUT');
    expect(log.requests).toHaveLength(1);
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'would_refuse', rule: 'inference_config_mismatch', status: 400, upstreamStatus: 400 });
  });

  it('forwards when a read fails instead of failing closed, and says so', async () => {
    await putTreeModel(stack.direct, 'mag-test-reg', { shape: 'one-leaf' });
    await stack.control('POST', '/_sandbox/faults', { method: 'GET', path: '/_ml/trained_models/mag-test-alias', status: 500 });
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias');
    expect(answer.status).toBe(200);
    expect(answer.headers.warning).toMatch(/would have refused this request \(METADATA_READ_FAILED\)/);
    // Counted apart from the rules' refusals (README, report mode).
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'would_fail_closed', rule: 'METADATA_READ_FAILED', status: 503, upstreamStatus: 200 });
  });

  it('leaves allowed changes without a warning', async () => {
    await putTreeModel(stack.direct, 'mag-test-reg', { shape: 'one-leaf' });
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias');
    expect(answer.status).toBe(200);
    expect(answer.headers.warning).toBeUndefined();
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'allowed' });
  });
});
