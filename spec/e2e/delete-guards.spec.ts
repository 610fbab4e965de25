/**
 * Deleting an alias or a model that a pipeline still uses is refused with
 * Elasticsearch's 409s (docs §1.2, docs §1.6), whatever the shape of the reference;
 * `force` on a model deletion always goes through.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putPyTorchModel, putTreeModel, putAliasOrThrow, pipelineReferencing, REFERENCE_SHAPES } from '../support/fixtures';

const stack = useStack();
beforeEach(async () => {
  await stack.reset();
  await putTreeModel(stack.direct, 'mag-test-reg', { shape: 'one-leaf' });
  await putAliasOrThrow(stack.direct, 'mag-test-reg', 'mag-test-alias');
});

async function modelExists(id: string): Promise<boolean> {
  const answer = await raw(stack.esUrl, 'GET', `/_ml/trained_models/${id}`);
  return answer.status === 200;
}

describeSandboxOnly('DELETE alias guard', () => {
  it.each(REFERENCE_SHAPES)('refuses while the alias is referenced %s', async (shape) => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', shape) });
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias');
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({
      type: 'status_exception',
      reason: 'Cannot delete model_alias [mag-test-alias] as it is still referenced by ingest processors',
    });
    expect(await modelExists('mag-test-alias')).toBe(true);
  });

  it('forwards an unreferenced alias deletion, and lets the cluster answer for a wrong model', async () => {
    const wrongModel = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-other/model_aliases/mag-test-alias');
    expect(wrongModel.status).toBe(409);
    expect(wrongModel.json.error.reason).toBe('model_alias [mag-test-alias] does not refer to provided model_id [mag-test-other]');
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias');
    expect(answer.status).toBe(200);
    expect(await modelExists('mag-test-alias')).toBe(false);
  });
});

describeSandboxOnly('DELETE model guard', () => {
  it.each(REFERENCE_SHAPES)('refuses while the model id is referenced %s', async (shape) => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-reg', shape) });
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-reg');
    expect(answer.status).toBe(409);
    expect(answer.json.error.reason).toBe(
      'Cannot delete model [mag-test-reg] as it is still referenced by ingest processors; use force to delete the model',
    );
    expect(await modelExists('mag-test-reg')).toBe(true);
  });

  it.each(REFERENCE_SHAPES)('refuses while an alias of the model is referenced %s', async (shape) => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', shape) });
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-reg');
    expect(answer.status).toBe(409);
    expect(answer.json.error.reason).toBe(
      'Cannot delete model [mag-test-reg] as it has a model_alias [mag-test-alias] that is still referenced by ingest processors; use force to delete the model',
    );
  });

  it('refuses while the model is deployed', async () => {
    await putPyTorchModel(stack.direct, 'mag-test-pt');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt', deployment_id: 'mag-test-pt-dep', wait_for: 'started' });
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-pt');
    expect(answer.status).toBe(409);
    expect(answer.json.error.reason).toBe('Cannot delete model [mag-test-pt] as it is currently deployed; use force to delete the model');
    expect(await modelExists('mag-test-pt')).toBe(true);
  });

  it('lets force through', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-alias', 'nested deeply') });
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/trained_models/mag-test-reg?force=true');
    expect(answer.status).toBe(200);
    expect(await modelExists('mag-test-reg')).toBe(false);
  });

  it('guards the legacy _ml/inference path too', async () => {
    await stack.direct.ingest.putPipeline({ id: 'mag-test-pipe', ...pipelineReferencing('mag-test-reg', 'top-level') });
    const answer = await raw(stack.proxyUrl, 'DELETE', '/_ml/inference/mag-test-reg', {
      headers: { accept: 'application/vnd.elasticsearch+json;compatible-with=7' },
    });
    expect(answer.status).toBe(409);
    expect(await modelExists('mag-test-reg')).toBe(true);
  });
});
