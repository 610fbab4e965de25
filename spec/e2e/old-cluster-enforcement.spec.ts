/**
 * One consistent guard in front of every cluster: an 8.5 cluster applies no
 * model-type and no PyTorch checks (docs §2.1), a 7.17 cluster has no model types
 * and sends `application/json; charset=UTF-8`; the proxy enforces the 8.6+
 * rules in front of both.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, putPyTorchModel, putAliasOrThrow, seedTypeMismatch } from '../support/fixtures';

describeSandboxOnly('in front of an 8.5 cluster', () => {
  const stack = useStack({ sandbox: { esVersion: '8.5.3' } });
  beforeEach(async () => stack.reset());

  it('refuses a model-type change the cluster itself would accept', async () => {
    await putTreeModel(stack.direct, 'mag-test-tree', { shape: 'one-leaf' });
    await putPyTorchModel(stack.direct, 'mag-test-pt', { config: 'regression' });
    await putAliasOrThrow(stack.direct, 'mag-test-tree', 'mag-test-alias');
    const path = '/_ml/trained_models/mag-test-pt/model_aliases/mag-test-alias?reassign=true';
    const viaProxy = await raw(stack.proxyUrl, 'PUT', path);
    expect(viaProxy.status).toBe(400);
    expect(viaProxy.json.error).toMatchObject({
      type: 'status_exception',
      reason: 'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt] with type [pytorch] from model [mag-test-tree] with type [tree_ensemble]',
    });
    // The cluster on its own lets it through: the guard is what refuses it.
    const direct = await raw(stack.esUrl, 'PUT', path);
    expect(direct.status).toBe(200);
  });

  it('refuses a move from a deployed model to an undeployed one', async () => {
    await putPyTorchModel(stack.direct, 'mag-test-pt-a');
    await putPyTorchModel(stack.direct, 'mag-test-pt-b');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    const viaProxy = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-pt-b/model_aliases/mag-test-alias?reassign=true');
    expect(viaProxy.status).toBe(400);
    expect(viaProxy.json.error.reason).toBe(
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-b] from model [mag-test-pt-a] as it is not yet deployed',
    );
  });
});

describeSandboxOnly('in front of a 7.17 cluster', () => {
  const stack = useStack({ sandbox: { esVersion: '7.17.20' } });
  beforeEach(async () => stack.reset());

  it('reads version-neutrally and enforces the config-type rule', async () => {
    await seedTypeMismatch(stack.direct);
    const refused = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true');
    expect(refused.status).toBe(400);
    expect(refused.json.error.reason).toBe(
      'cannot reassign model_alias [mag-test-alias] to model [mag-test-cls] with inference config type [classification] from model [mag-test-reg] with type [regression]',
    );
    const allowed = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-other');
    expect(allowed.status).toBe(200);
  });
});
