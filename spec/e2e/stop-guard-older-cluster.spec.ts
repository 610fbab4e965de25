/**
 * The stop guard in front of an 8.7 cluster, whose stop resolves aliases and
 * whose `_stats` entries carry no deployment id (docs §3.2): the proxy finds the
 * deployment either way and refuses with the same 8.8+ messages, including
 * for references the cluster's own top-level-only check misses.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { seedDeployedModelWithAlias, pipelineReferencing } from '../support/fixtures';

const stack = useStack({ sandbox: { esVersion: '8.7.1' } });
beforeEach(async () => {
  await stack.reset();
  await seedDeployedModelWithAlias(stack.direct);
});

async function deployed(): Promise<boolean> {
  const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
  return stats.trained_model_stats.some((s) => s.deployment_stats !== undefined);
}

describeSandboxOnly('stop guard in front of 8.7', () => {
  it('refuses a stop by model id while an alias is referenced behind an if (the cluster would let it through)', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'behind an if condition') });
    const viaProxy = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-pt/deployment/_stop');
    expect(viaProxy.status).toBe(409);
    expect(viaProxy.json.error.reason).toBe(
      'Cannot stop deployment [mag-test-pt] as it has a model_alias [mag-test-alias] that is still referenced by ingest processors; use force to stop the deployment',
    );
    expect(await deployed()).toBe(true);
  });

  it('refuses a stop addressed by the alias (8.7 resolves it) while the model is referenced in a foreach', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-pt', 'inside foreach') });
    const viaProxy = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-alias/deployment/_stop');
    expect(viaProxy.status).toBe(409);
    expect(viaProxy.json.error.type).toBe('status_exception');
    expect(await deployed()).toBe(true);
  });

  it('lets the official client stop it with force', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
    await expect(stack.viaProxy.ml.stopTrainedModelDeployment({ model_id: 'mag-test-pt' })).rejects.toMatchObject({ meta: { statusCode: 409 } });
    expect(await stack.viaProxy.ml.stopTrainedModelDeployment({ model_id: 'mag-test-pt', force: true })).toEqual({ stopped: true });
    expect(await deployed()).toBe(false);
  });
});
