/**
 * Before 8.8 the stop action resolves its id through the trained-models
 * lookup (docs §3.2): a wildcard, a comma list, `_all` or an alias inside a
 * list names a model. The guard resolves the expression the same way and
 * checks every matched deployment; from 8.8 the id is one literal deployment
 * id and nothing is resolved.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, seedDeployedModelWithAlias, pipelineReferencing } from '../support/fixtures';

const stack = useStack({ sandbox: { esVersion: '8.7.1' } });

async function deployed(): Promise<boolean> {
  const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
  return stats.trained_model_stats.some((s) => s.deployment_stats !== undefined);
}

describeSandboxOnly('stop id expressions in front of 8.7', () => {
  beforeEach(async () => {
    await stack.reset();
    await seedDeployedModelWithAlias(stack.direct);
    // Referenced inside a foreach: the 8.7 cluster's own check looks at top-level processors only.
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-pt', 'inside foreach') });
  });

  it.each(['mag-test-p*', 'mag-test-alias,mag-test-nothing*', '_all', '*'])('refuses %s while the matched deployment is referenced', async (expression) => {
    const answer = await raw(stack.proxyUrl, 'POST', `/_ml/trained_models/${expression}/deployment/_stop`);
    expect(answer.status).toBe(409);
    expect(answer.json.error.reason).toBe(
      'Cannot stop deployment [mag-test-pt] as it is referenced by ingest processors; use force to stop the deployment',
    );
    expect(await deployed()).toBe(true);
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'refused', rule: 'stop.deployment_id_referenced' });
  });

  it('the cluster itself would have stopped it (the gap the guard closes)', async () => {
    const direct = await raw(stack.esUrl, 'POST', '/_ml/trained_models/mag-test-p*/deployment/_stop');
    expect(direct.json).toEqual({ stopped: true });
    expect(await deployed()).toBe(false);
  });

  it('forwards an expression whose matches nothing references, and the cluster answers', async () => {
    await stack.direct.ingest.deletePipeline({ id: 'mag-test-pipe' });
    const none = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-nothing*/deployment/_stop');
    expect(none.json).toEqual({ stopped: true });
    await putTreeModel(stack.direct, 'mag-test-pz', { shape: 'one-leaf' });
    // Two matches: 8.7 refuses to stop several at once, itself.
    const two = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-p*/deployment/_stop');
    expect(two.status).toBe(400);
    expect(two.json.error.reason).toBe('cannot undeploy multiple models at the same time');
    expect(await deployed()).toBe(true);
    const one = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-pt*/deployment/_stop');
    expect(one.json).toEqual({ stopped: true });
    expect(await deployed()).toBe(false);
  });

  it('checks every matched deployment, even among several matches', async () => {
    await putTreeModel(stack.direct, 'mag-test-pz', { shape: 'one-leaf' });
    const answer = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-pz,mag-test-alias/deployment/_stop');
    expect(answer.status).toBe(409);
    expect(await deployed()).toBe(true);
  });
});

const current = useStack({ sandbox: { esVersion: '8.15.0' } });

describeSandboxOnly('stop id expressions in front of 8.15', () => {
  it('forwards them: the id is one literal deployment id there, and nothing stops', async () => {
    await current.reset();
    await seedDeployedModelWithAlias(current.direct);
    await current.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-pt', 'top-level') });
    const answer = await raw(current.proxyUrl, 'POST', '/_ml/trained_models/mag-test-p*/deployment/_stop');
    expect(answer.json).toEqual({ stopped: true });
    const stats = await current.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
    expect(stats.trained_model_stats.some((s) => s.deployment_stats !== undefined)).toBe(true);
  });
});
