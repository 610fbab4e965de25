/**
 * STRICT_INPUT_FIELDS and STRICT_CAPACITY: off by default, and when on,
 * refusals in Elasticsearch's shape (400 status_exception) whose reason
 * names the option.
 */
import { describeSandboxOnly, type Stack } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putPyTorchModel, putAliasOrThrow, seedInputFieldsDiffer } from '../support/fixtures';

/**
 * `mag-test-alias` on fully allocated `mag-test-pt-a` (2 allocations);
 * `mag-test-pt-b` asks for 2 but holds only 1 (allocation state `started`).
 */
async function seedCapacityDrop(stack: Stack): Promise<void> {
  await putPyTorchModel(stack.direct, 'mag-test-pt-a');
  await putPyTorchModel(stack.direct, 'mag-test-pt-b');
  await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', number_of_allocations: 2, wait_for: 'started' });
  await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', number_of_allocations: 2, wait_for: 'started' });
  await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'started' });
  await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
}

describeSandboxOnly('strict options on', () => {
  const stack = useStack({ proxy: { STRICT_INPUT_FIELDS: true, STRICT_CAPACITY: true } });
  beforeEach(async () => stack.reset());

  it('STRICT_INPUT_FIELDS refuses a change the input-fields rule only warns about', async () => {
    await seedInputFieldsDiffer(stack.direct);
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-b/model_aliases/mag-test-alias?reassign=true');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      type: 'status_exception',
      reason:
        'STRICT_INPUT_FIELDS is set on model-alias-guard: The input fields for new model [mag-test-b] and for old model [mag-test-a] differ significantly, model results may change drastically.',
    });
  });

  it('STRICT_CAPACITY refuses a move from a fully allocated deployment to a smaller one', async () => {
    await seedCapacityDrop(stack);
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
  const stack = useStack();

  it('allows the same changes, as Elasticsearch does', async () => {
    await seedCapacityDrop(stack);
    expect((await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-pt-b/model_aliases/mag-test-alias?reassign=true')).status).toBe(200);
  });
});
