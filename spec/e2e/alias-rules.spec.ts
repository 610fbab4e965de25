/**
 * Every alias rule of docs §2, through the proxy, against a cluster that enforces
 * the same rules (sandbox 8.15, or a real cluster): the proxy's refusal must
 * be the cluster's own answer (status, error.type, reason), and a refused
 * change must never reach the cluster.
 */
import { describeEverywhere, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, putPyTorchModel, putAliasOrThrow, seedTypeMismatch } from '../support/fixtures';

const stack = useStack();
beforeEach(async () => stack.reset());

async function putAliasVia(base: string, modelId: string, alias: string, query = '') {
  return raw(base, 'PUT', `/_ml/trained_models/${modelId}/model_aliases/${alias}${query}`, { headers: stack.auth });
}

async function aliasPutsReachingCluster(): Promise<number> {
  const log = await stack.control('GET', '/_sandbox/requests?method=PUT&path_prefix=/_ml/trained_models/');
  return (log.requests as Array<{ url: string }>).filter((r) => r.url.includes('/model_aliases/')).length;
}

/** Sends the same change to the proxy and to the cluster, expects both to refuse it identically. */
async function expectSameRefusal(modelId: string, alias: string, query: string, status: number, type: string, reason: string) {
  const viaProxy = await putAliasVia(stack.proxyUrl, modelId, alias, query);
  expect({ status: viaProxy.status, type: viaProxy.json?.error?.type, reason: viaProxy.json?.error?.reason }).toEqual({ status, type, reason });
  expect(viaProxy.json.status).toBe(status);
  expect(viaProxy.json.error.root_cause[0]).toMatchObject({ type, reason });
  expect(viaProxy.headers['x-elastic-product']).toBe('Elasticsearch');
  const direct = await putAliasVia(stack.esUrl, modelId, alias, query);
  expect({ status: direct.status, type: direct.json?.error?.type, reason: direct.json?.error?.reason }).toEqual({ status, type, reason });
  return viaProxy;
}

describeEverywhere('alias rules answered as Elasticsearch answers them', () => {
  beforeEach(async () => {
    await putTreeModel(stack.direct, 'mag-test-reg-1', { shape: 'one-leaf' });
    await putTreeModel(stack.direct, 'mag-test-reg-2', { shape: 'one-leaf' });
    await putTreeModel(stack.direct, 'mag-test-cls-1', { shape: 'one-leaf', config: 'classification' });
  });

  it('allows a new alias and relays the cluster answer', async () => {
    const answer = await putAliasVia(stack.proxyUrl, 'mag-test-reg-1', 'mag-test-alias');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ acknowledged: true });
    const model = await stack.direct.ml.getTrainedModels({ model_id: 'mag-test-alias' });
    expect(model.trained_model_configs[0].model_id).toBe('mag-test-reg-1');
  });

  it('refuses an alias that ends in digits (validation)', async () => {
    await expectSameRefusal(
      'mag-test-reg-1', 'mag-test-alias-1', '', 400, 'action_request_validation_exception',
      "Validation Failed: 1: Invalid model_alias; 'mag-test-alias-1' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start with alphanumeric and cannot end with numbers;",
    );
  });

  it('collects both validation errors when the alias equals the model id and is invalid', async () => {
    await expectSameRefusal(
      'mag-test-reg-1', 'mag-test-reg-1', '', 400, 'action_request_validation_exception',
      "Validation Failed: 1: model_alias [mag-test-reg-1] cannot equal model_id [mag-test-reg-1];2: Invalid model_alias; 'mag-test-reg-1' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start with alphanumeric and cannot end with numbers;",
    );
  });

  it('refuses to move an existing alias without reassign, even to the same model', async () => {
    await putAliasOrThrow(stack.direct, 'mag-test-reg-1', 'mag-test-alias');
    const reason = (target: string) =>
      `cannot assign model_alias [mag-test-alias] to model_id [${target}] as model_alias already refers to [mag-test-reg-1]. Set parameter [reassign] to [true] if model_alias should be reassigned.`;
    await expectSameRefusal('mag-test-reg-2', 'mag-test-alias', '', 400, 'status_exception', reason('mag-test-reg-2'));
    await expectSameRefusal('mag-test-reg-1', 'mag-test-alias', '', 400, 'status_exception', reason('mag-test-reg-1'));
  });

  it('allows the move with reassign=true', async () => {
    await putAliasOrThrow(stack.direct, 'mag-test-reg-1', 'mag-test-alias');
    const answer = await putAliasVia(stack.proxyUrl, 'mag-test-reg-2', 'mag-test-alias', '?reassign=true');
    expect(answer.status).toBe(200);
    const model = await stack.direct.ml.getTrainedModels({ model_id: 'mag-test-alias' });
    expect(model.trained_model_configs[0].model_id).toBe('mag-test-reg-2');
  });

  it('refuses an alias that is an existing model id', async () => {
    await putTreeModel(stack.direct, 'mag-test-taken', { shape: 'one-leaf' });
    await expectSameRefusal('mag-test-reg-1', 'mag-test-taken', '', 400, 'status_exception', 'model_alias cannot be the same as an existing trained model_id');
  });

  it('answers 404 for a missing model, without resolving the model id as an alias', async () => {
    await expectSameRefusal('mag-test-nope', 'mag-test-alias', '', 404, 'resource_not_found_exception', 'No known trained model with model_id [mag-test-nope]');
    await putAliasOrThrow(stack.direct, 'mag-test-reg-1', 'mag-test-other');
    // An alias in the model_id position is not a model (docs §2 step 10).
    await expectSameRefusal('mag-test-other', 'mag-test-alias', '', 404, 'resource_not_found_exception', 'No known trained model with model_id [mag-test-other]');
  });

  it('refuses to move an alias across inference-config types', async () => {
    await putAliasOrThrow(stack.direct, 'mag-test-reg-1', 'mag-test-alias');
    await expectSameRefusal(
      'mag-test-cls-1', 'mag-test-alias', '?reassign=true', 400, 'status_exception',
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-cls-1] with inference config type [classification] from model [mag-test-reg-1] with type [regression]',
    );
  });

  it('refuses a bad reassign value, unknown parameters and a body like the REST layer', async () => {
    await expectSameRefusal('mag-test-reg-1', 'mag-test-alias', '?reassign=TRUE', 400, 'illegal_argument_exception',
      'Failed to parse value [TRUE] as only [true] or [false] are allowed.');
    await expectSameRefusal('mag-test-reg-1', 'mag-test-alias', '?reasign=true', 400, 'illegal_argument_exception',
      'request [/_ml/trained_models/mag-test-reg-1/model_aliases/mag-test-alias] contains unrecognized parameter: [reasign] -> did you mean [reassign]?');
    const withBody = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg-1/model_aliases/mag-test-alias', {
      headers: { ...stack.auth, 'content-type': 'application/json' },
      body: '{"reassign":true}',
    });
    expect(withBody.status).toBe(400);
    expect(withBody.json.error.type).toBe('illegal_argument_exception');
    expect(withBody.json.error.reason).toBe(
      'request [PUT /_ml/trained_models/mag-test-reg-1/model_aliases/mag-test-alias] does not support having a body',
    );
  });
});

describeSandboxOnly('refused changes never reach the cluster', () => {
  it('forwards nothing for any refusal', async () => {
    await seedTypeMismatch(stack.direct, { regression: 'mag-test-reg-1', classification: 'mag-test-cls-1', alias: 'mag-test-alias' });
    await stack.control('DELETE', '/_sandbox/requests');
    for (const path of [
      '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias',
      '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign',
      '/_ml/trained_models/mag-test-nope/model_aliases/mag-test-new',
      '/_ml/trained_models/mag-test-reg-1/model_aliases/Bad',
    ]) {
      const answer = await raw(stack.proxyUrl, 'PUT', path);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    expect(await aliasPutsReachingCluster()).toBe(0);
    // The log does see an allowed change, so the zero above means something.
    expect((await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg-1/model_aliases/mag-test-fine')).status).toBe(200);
    expect(await aliasPutsReachingCluster()).toBe(1);
  });
});

describeSandboxOnly('PyTorch deployment rules (docs §2 step 11c)', () => {
  beforeEach(async () => {
    await putPyTorchModel(stack.direct, 'mag-test-pt-a');
    await putPyTorchModel(stack.direct, 'mag-test-pt-b');
    await putTreeModel(stack.direct, 'mag-test-tree', { shape: 'one-leaf' });
  });

  it('refuses to move an alias between model types', async () => {
    await putPyTorchModel(stack.direct, 'mag-test-pt-reg', { config: 'regression' });
    await putAliasOrThrow(stack.direct, 'mag-test-tree', 'mag-test-alias');
    await expectSameRefusal('mag-test-pt-reg', 'mag-test-alias', '?reassign=true', 400, 'status_exception',
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-reg] with type [pytorch] from model [mag-test-tree] with type [tree_ensemble]');
  });

  it('refuses to move an alias from a deployed model to an undeployed one', async () => {
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    await expectSameRefusal('mag-test-pt-b', 'mag-test-alias', '?reassign=true', 400, 'status_exception',
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-b] from model [mag-test-pt-a] as it is not yet deployed');
  });

  it('refuses to move an alias from an allocated deployment to one still starting, and allows it once allocated', async () => {
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', wait_for: 'starting' });
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'starting' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    await expectSameRefusal('mag-test-pt-b', 'mag-test-alias', '?reassign=true', 400, 'status_exception',
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-b]  from model [mag-test-pt-a] as it is not yet allocated to any nodes');
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'started' });
    const answer = await putAliasVia(stack.proxyUrl, 'mag-test-pt-b', 'mag-test-alias', '?reassign=true');
    expect(answer.status).toBe(200);
  });

  it('treats a stopping deployment as not allocated', async () => {
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', wait_for: 'started' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { stopping: true });
    await expectSameRefusal('mag-test-pt-b', 'mag-test-alias', '?reassign=true', 400, 'status_exception',
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-b]  from model [mag-test-pt-a] as it is not yet allocated to any nodes');
  });

  it('checks every deployment of both models (8.8+ several deployments per model)', async () => {
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', deployment_id: 'mag-test-pt-b-one', wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', deployment_id: 'mag-test-pt-b-two', wait_for: 'started' });
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b-two/state', { allocation: 'starting' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    await expectSameRefusal('mag-test-pt-b', 'mag-test-alias', '?reassign=true', 400, 'status_exception',
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-b]  from model [mag-test-pt-a] as it is not yet allocated to any nodes');
  });

  it('allows a move from an undeployed model to an undeployed one', async () => {
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    const answer = await putAliasVia(stack.proxyUrl, 'mag-test-pt-b', 'mag-test-alias', '?reassign=true');
    expect(answer.status).toBe(200);
  });
});
