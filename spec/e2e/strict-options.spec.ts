/**
 * STRICT_INPUT_FIELDS and STRICT_CAPACITY: off by default, and when on,
 * refusals in Elasticsearch's shape (400 status_exception) whose reason
 * names the option.
 */
import { startStack, Stack, raw, describeSandboxOnly } from '../support/stack';
import { putTreeModel, putPytorchModel, putAlias } from '../support/models';

describeSandboxOnly('strict options on', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ proxy: { STRICT_INPUT_FIELDS: true, STRICT_CAPACITY: true } });
  });
  afterAll(async () => stack.close());
  beforeEach(async () => stack.reset());

  it('STRICT_INPUT_FIELDS refuses a change the input-fields rule only warns about', async () => {
    await putTreeModel(stack.direct, 'mag-test-a', 'regression', ['a']);
    await putTreeModel(stack.direct, 'mag-test-b', 'regression', ['b']);
    await putAlias(stack.direct, 'mag-test-a', 'mag-test-alias');
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-b/model_aliases/mag-test-alias?reassign=true');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      type: 'status_exception',
      reason:
        'STRICT_INPUT_FIELDS is set on model-alias-guard: The input fields for new model [mag-test-b] and for old model [mag-test-a] differ significantly, model results may change drastically.',
    });
  });

  it('STRICT_CAPACITY refuses a move from a fully allocated deployment to a smaller one', async () => {
    await putPytorchModel(stack.direct, 'mag-test-pt-a');
    await putPytorchModel(stack.direct, 'mag-test-pt-b');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', number_of_allocations: 2, wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', number_of_allocations: 2, wait_for: 'started' });
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'started' });
    await putAlias(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-pt-b/model_aliases/mag-test-alias?reassign=true');
    expect(answer.status).toBe(400);
    expect(answer.json.error.reason).toBe(
      'STRICT_CAPACITY is set on model-alias-guard: cannot reassign model_alias [mag-test-alias] to model [mag-test-pt-b] whose deployments hold [1] allocations, fewer than the [2] of model [mag-test-pt-a]',
    );
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'fully_allocated' });
    expect((await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-pt-b/model_aliases/mag-test-alias?reassign=true')).status).toBe(200);
  });
});

describeSandboxOnly('strict options off (the default)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());

  it('allows the same changes, as Elasticsearch does', async () => {
    await putPytorchModel(stack.direct, 'mag-test-pt-a');
    await putPytorchModel(stack.direct, 'mag-test-pt-b');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', number_of_allocations: 2, wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', number_of_allocations: 2, wait_for: 'started' });
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'started' });
    await putAlias(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    expect((await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-pt-b/model_aliases/mag-test-alias?reassign=true')).status).toBe(200);
  });
});
