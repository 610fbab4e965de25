/**
 * Deleting an inference endpoint force-stops its deployment; without `force`
 * the guard refuses while a pipeline uses the deployment's model or an alias
 * of it and no other deployment serves them (docs §13.2, README "What is
 * guarded", beyond Elasticsearch). 8.15 (with `force` and `dry_run`) and 8.13
 * (neither; the guard's check still holds). Sandbox only: a real cluster
 * cannot deploy the test's PyTorch model.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putAliasOrThrow, putPyTorchModel, pipelineReferencing } from '../support/fixtures';

const json = { 'content-type': 'application/json' };

async function seed(stack: ReturnType<typeof useStack>): Promise<void> {
  await putPyTorchModel(stack.direct, 'mag-test-pt');
  const put = await raw(stack.esUrl, 'PUT', '/_inference/text_embedding/mag-test-ep', {
    headers: json,
    body: JSON.stringify({ service: 'elasticsearch', service_settings: { model_id: 'mag-test-pt', num_allocations: 1, num_threads: 1 } }),
  });
  expect(put.status).toBe(200);
  await putAliasOrThrow(stack.direct, 'mag-test-pt', 'mag-test-alias');
  await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'top-level') });
}

async function deploymentIds(stack: ReturnType<typeof useStack>): Promise<string[]> {
  const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-pt' });
  return stats.trained_model_stats.flatMap((s) => (s.deployment_stats ? [s.deployment_stats.deployment_id!] : [])).sort();
}

const refusal =
  'Inference endpoint mag-test-ep cannot be deleted: it stops deployment [mag-test-ep], which serves model [mag-test-pt] ' +
  'through model_alias [mag-test-alias], referenced by pipelines, and no other deployment of the model would serve them ' +
  '(model-alias-guard rule; use `force` to delete it anyway)';

describe.each(['8.15.0', '8.13.0'])('DELETE inference endpoint, Elasticsearch %s', (esVersion) => {
  const stack = useStack({ sandbox: { esVersion } });
  beforeEach(async () => {
    await stack.reset();
    await seed(stack);
  });

  describeSandboxOnly('guard', () => {
    it.each(['/_inference/mag-test-ep', '/_inference/text_embedding/mag-test-ep'])('refuses %s while an alias of its model is referenced', async (path) => {
      const answer = await raw(stack.proxyUrl, 'DELETE', path);
      expect(answer.status).toBe(409);
      expect(answer.json.error).toMatchObject({ type: 'status_exception', reason: refusal });
      expect(await deploymentIds(stack)).toEqual(['mag-test-ep']);
      expect(stack.decisions.find((d) => d.route === 'delete_inference_endpoint')).toMatchObject({
        verdict: 'refused',
        rule: 'inference_delete.model_alias_referenced',
      });
    });

    it('lets the delete through when another deployment of the model keeps serving the alias', async () => {
      await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt', deployment_id: 'mag-test-pt-2', wait_for: 'started' });
      const answer = await raw(stack.proxyUrl, 'DELETE', '/_inference/text_embedding/mag-test-ep');
      expect(answer.status).toBe(200);
      expect(await deploymentIds(stack)).toEqual(['mag-test-pt-2']);
    });

    it('does not guard the endpoint of an external service', async () => {
      const put = await raw(stack.esUrl, 'PUT', '/_inference/text_embedding/mag-test-openai', {
        headers: json,
        body: JSON.stringify({ service: 'openai', service_settings: { api_key: 'k', model_id: 'text-embedding-3-small' } }),
      });
      expect(put.status).toBe(200);
      const answer = await raw(stack.proxyUrl, 'DELETE', '/_inference/text_embedding/mag-test-openai');
      expect(answer.status).toBe(200);
      expect(stack.decisions.at(-1)).toMatchObject({ rule: 'inference_delete.external_service' });
    });
  });
});

describeSandboxOnly('DELETE inference endpoint with force and dry_run (8.15+)', () => {
  const stack = useStack({ sandbox: { esVersion: '8.15.0' } });
  beforeEach(async () => {
    await stack.reset();
    await seed(stack);
  });

  it('lets dry_run through without stopping anything', async () => {
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_inference/mag-test-ep?dry_run=true');
    expect(answer.status).toBe(200);
    expect(answer.json.acknowledged).toBe(false);
    expect(await deploymentIds(stack)).toEqual(['mag-test-ep']);
  });

  it('lets force through, stopping the deployment', async () => {
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_inference/mag-test-ep?force=true');
    expect(answer.status).toBe(200);
    expect(await deploymentIds(stack)).toEqual([]);
  });
});
