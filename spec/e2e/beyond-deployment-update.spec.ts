/**
 * `_update` of a deployment that serves a referenced alias is logged and
 * counted; with STRICT_CAPACITY an update that can scale it to zero
 * allocations is refused (docs §13.3, README "What is guarded", beyond
 * Elasticsearch). 8.16 scales to zero; 8.8 has no adaptive allocations and
 * only the logging applies. Sandbox only: PyTorch deployments.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { metricSum } from '../support/proxy-metrics';
import { seedDeployedModelWithAlias, pipelineReferencing } from '../support/fixtures';

const json = { 'content-type': 'application/json' };
const update = (stack: ReturnType<typeof useStack>, body: unknown) =>
  raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-pt/deployment/_update', { headers: json, body: JSON.stringify(body) });

describeSandboxOnly('_update with STRICT_CAPACITY, Elasticsearch 8.16', () => {
  const stack = useStack({ sandbox: { esVersion: '8.16.0' }, proxy: { STRICT_CAPACITY: true } });
  beforeEach(async () => {
    await stack.reset();
    await seedDeployedModelWithAlias(stack.direct);
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
  });

  it('refuses adaptive allocations with a minimum of 0 for a deployment serving a referenced alias', async () => {
    const answer = await update(stack, { adaptive_allocations: { enabled: true, min_number_of_allocations: 0, max_number_of_allocations: 2 } });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      type: 'status_exception',
      reason: expect.stringMatching(/^STRICT_CAPACITY is set on model-alias-guard: cannot update deployment \[mag-test-pt\] of model \[mag-test-pt\]/),
    });
    const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
    expect(stats.trained_model_stats[0]?.deployment_stats?.adaptive_allocations?.enabled ?? false).toBe(false);
  });

  it('allows a minimum of 1, and logs and counts the update', async () => {
    const before = await metricSum(stack.adminUrl, 'mag_guard_decisions_total', { rule: 'update.serves_referenced_alias' });
    const answer = await update(stack, { adaptive_allocations: { enabled: true, min_number_of_allocations: 1, max_number_of_allocations: 2 } });
    expect(answer.status).toBe(200);
    expect(stack.decisions.find((d) => d.route === 'update_deployment')).toMatchObject({ verdict: 'allowed', rule: 'update.serves_referenced_alias' });
    expect(await metricSum(stack.adminUrl, 'mag_guard_decisions_total', { rule: 'update.serves_referenced_alias' })).toBe(before + 1);
  });
});

describeSandboxOnly('_update, Elasticsearch 8.8', () => {
  const stack = useStack({ sandbox: { esVersion: '8.8.0' }, proxy: { STRICT_CAPACITY: true } });
  it('logs an update of a deployment serving a referenced alias and lets it through', async () => {
    await stack.reset();
    await seedDeployedModelWithAlias(stack.direct);
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
    const answer = await update(stack, { number_of_allocations: 2 });
    expect(answer.status).toBe(200);
    expect(stack.decisions.find((d) => d.route === 'update_deployment')).toMatchObject({ verdict: 'allowed', rule: 'update.serves_referenced_alias' });
  });
});
