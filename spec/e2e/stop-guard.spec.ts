/**
 * A deployment is not stopped without `force` while a pipeline references
 * its deployment id, its model id or an alias of its model, in any shape
 * (README, "What is guarded"). Elasticsearch's 8.8+ 409; `force` always
 * goes through.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { seedDeployedModelWithAlias, pipelineReferencing, REFERENCE_SHAPES } from '../support/fixtures';

const stack = useStack();
beforeEach(async () => {
  await stack.reset();
  await seedDeployedModelWithAlias(stack.direct);
});

const refusedFor = (deploymentId: string) =>
  `Cannot stop deployment [${deploymentId}] as it is referenced by ingest processors; use force to stop the deployment`;
const refusedForAlias = (deploymentId: string, alias: string) =>
  `Cannot stop deployment [${deploymentId}] as it has a model_alias [${alias}] that is still referenced by ingest processors; use force to stop the deployment`;

async function deploymentIds(): Promise<string[]> {
  const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
  return stats.trained_model_stats.flatMap((s) => (s.deployment_stats ? [s.deployment_stats.deployment_id!] : []));
}

async function stopViaProxy(id: string, query = '') {
  return raw(stack.proxyUrl, 'POST', `/_ml/trained_models/${id}/deployment/_stop${query}`);
}

describeSandboxOnly('stop guard', () => {
  it.each(REFERENCE_SHAPES)('refuses when an alias of the model is referenced %s', async (shape) => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', shape) });
    const answer = await stopViaProxy('mag-test-pt');
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ type: 'status_exception', reason: refusedForAlias('mag-test-pt', 'mag-test-alias') });
    expect(await deploymentIds()).toEqual(['mag-test-pt']);
  });

  it.each(REFERENCE_SHAPES)('refuses when the deployment id is referenced %s', async (shape) => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-pt', shape) });
    const answer = await stopViaProxy('mag-test-pt');
    expect(answer.status).toBe(409);
    expect(answer.json.error.reason).toBe(refusedFor('mag-test-pt'));
  });

  it('answers like Elasticsearch where Elasticsearch itself checks (top-level alias reference)', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
    const viaProxy = await stopViaProxy('mag-test-pt');
    const direct = await raw(stack.esUrl, 'POST', '/_ml/trained_models/mag-test-pt/deployment/_stop');
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.json).toEqual(direct.json);
  });

  it('closes the gap where the deployment id differs from the model id (alias and model id references)', async () => {
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt', deployment_id: 'mag-test-pt-for-search', wait_for: 'started' });
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
    const byAlias = await stopViaProxy('mag-test-pt-for-search');
    expect(byAlias.status).toBe(409);
    expect(byAlias.json.error.reason).toBe(refusedForAlias('mag-test-pt-for-search', 'mag-test-alias'));

    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-pt', 'top-level') });
    const byModelId = await stopViaProxy('mag-test-pt-for-search');
    expect(byModelId.status).toBe(409);
    expect(byModelId.json.error.reason).toBe(refusedFor('mag-test-pt-for-search'));
    expect((await deploymentIds()).sort()).toEqual(['mag-test-pt', 'mag-test-pt-for-search']);
  });

  it('lets force through, from the query or the body', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'inside foreach') });
    const answer = await stopViaProxy('mag-test-pt', '?force=true');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ stopped: true });
    expect(await deploymentIds()).toEqual([]);

    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt', wait_for: 'started' });
    const viaBody = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-pt/deployment/_stop', {
      headers: { 'content-type': 'application/json' },
      body: '{"force":true}',
    });
    expect(viaBody.status).toBe(200);
    expect(await deploymentIds()).toEqual([]);
  });

  it('forwards a stop nothing references, and the official client sees the cluster answer', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-other', 'top-level') });
    const result = await stack.viaProxy.ml.stopTrainedModelDeployment({ model_id: 'mag-test-pt' });
    expect(result).toEqual({ stopped: true });
    expect(await deploymentIds()).toEqual([]);
  });

  it('raises ResponseError with the 409 through the official client, without retrying', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'behind an if condition') });
    await stack.control('DELETE', '/_sandbox/requests');
    await expect(stack.viaProxy.ml.stopTrainedModelDeployment({ model_id: 'mag-test-pt' }, { maxRetries: 3 })).rejects.toMatchObject({
      name: 'ResponseError',
      meta: { statusCode: 409, body: { error: { type: 'status_exception' } } },
    });
    const log = await stack.control('GET', '/_sandbox/requests?method=POST');
    expect(log.requests).toHaveLength(0);
  });

  it('refuses bad parameters as Elasticsearch does, before any read', async () => {
    const bad = await stopViaProxy('mag-test-pt', '?force=yes');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: 'illegal_argument_exception', reason: 'Failed to parse value [yes] as only [true] or [false] are allowed.' });
    const unknown = await stopViaProxy('mag-test-pt', '?forse=true');
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.reason).toBe(
      'request [/_ml/trained_models/mag-test-pt/deployment/_stop] contains unrecognized parameter: [forse] -> did you mean [force]?',
    );
    expect(await deploymentIds()).toEqual(['mag-test-pt']);
  });
});
