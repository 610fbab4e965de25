/**
 * One structured line per guarded request says why it was allowed or
 * refused: the request, the facts seen, the verdict and its rule, the
 * upstream status and the durations (README, "Decision log").
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, putPyTorchModel, putAliasOrThrow } from '../support/fixtures';

const stack = useStack();
beforeEach(async () => stack.reset());

describeSandboxOnly('decision log', () => {
  it('records an allowed change with the facts and the upstream status', async () => {
    await putTreeModel(stack.direct, 'mag-test-reg-1', { shape: 'one-leaf' });
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg-1/model_aliases/mag-test-alias', {
      headers: { 'x-opaque-id': 'req-42' },
    });
    expect(stack.decisions).toHaveLength(1);
    const decision = stack.decisions[0];
    expect(decision).toMatchObject({
      route: 'put_model_alias',
      opaqueId: 'req-42',
      request: { model_id: 'mag-test-reg-1', model_alias: 'mag-test-alias', reassign: false },
      facts: { alias: 'absent', new_model: { model_id: 'mag-test-reg-1', model_type: 'tree_ensemble', inference_config: 'regression' } },
      verdict: 'allowed',
      rule: 'allowed',
      upstreamStatus: 200,
    });
    expect(decision.durationsMs.total).toBeGreaterThan(0);
    expect(decision.durationsMs.reads).toBeGreaterThan(0);
    expect(decision.durationsMs.upstream).toBeGreaterThan(0);
  });

  it('records a refusal with the rule and the allocation states it saw', async () => {
    await putPyTorchModel(stack.direct, 'mag-test-pt-a');
    await putPyTorchModel(stack.direct, 'mag-test-pt-b');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-b', wait_for: 'started' });
    await stack.control('POST', '/_sandbox/deployments/mag-test-pt-b/state', { allocation: 'starting' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-pt-b/model_aliases/mag-test-alias?reassign=true');
    const decision = stack.decisions.at(-1)!;
    expect(decision).toMatchObject({
      verdict: 'refused',
      rule: 'not_allocated',
      status: 400,
      facts: {
        alias: { points_to: 'mag-test-pt-a' },
        old_deployments: [{ deployment_id: 'mag-test-pt-a', allocation: 'fully_allocated' }],
        new_deployments: [{ deployment_id: 'mag-test-pt-b', allocation: 'starting' }],
      },
    });
    expect(decision.upstreamStatus).toBeUndefined();
  });

  it('records REST-layer refusals before any read', async () => {
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/m/model_aliases/Bad-Alias');
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'invalid', rule: 'action_request_validation_exception', status: 400 });
    expect(stack.decisions.at(-1)!.durationsMs.reads).toBeUndefined();
  });
});
