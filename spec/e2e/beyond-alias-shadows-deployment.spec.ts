/**
 * A model alias may not take the name of a deployment of another model, nor
 * a deployment the name of an alias of another model (docs §13.1, README
 * "What is guarded", beyond Elasticsearch). Elasticsearch itself allows the
 * first: each test shows the cluster's state unchanged after the refusal.
 * The same in front of 8.15 and 8.8 (both resolve the alias first, docs §10.1).
 * Sandbox only: a real cluster cannot deploy the test's PyTorch models.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putAliasOrThrow, putPyTorchModel } from '../support/fixtures';

describe.each(['8.15.0', '8.8.0'])('alias and deployment id shadowing, Elasticsearch %s', (esVersion) => {
  const stack = useStack({ sandbox: { esVersion } });
  beforeEach(async () => {
    await stack.reset();
    await putPyTorchModel(stack.direct, 'mag-test-m1');
    await putPyTorchModel(stack.direct, 'mag-test-m2');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-m1', deployment_id: 'mag-test-foo', wait_for: 'started' });
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-m2', wait_for: 'started' });
  });

  describeSandboxOnly('PUT alias', () => {
    it('refuses an alias named like a deployment of another model, naming the deployment and its model', async () => {
      const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-m2/model_aliases/mag-test-foo');
      expect(answer.status).toBe(400);
      expect(answer.json.error.type).toBe('status_exception');
      expect(answer.json.error.reason).toBe(
        'cannot assign model_alias [mag-test-foo] to model [mag-test-m2] as deployment [mag-test-foo] of model [mag-test-m1] exists ' +
          'and _infer and inference processors resolve [mag-test-foo] as a model_alias before a deployment id, so the deployment ' +
          'would no longer be reachable by its id (model-alias-guard rule; stop deployment [mag-test-foo] first, or set ALLOW_DEPLOYMENT_SHADOWING=true)',
      );
      const lookup = await raw(stack.esUrl, 'GET', '/_ml/trained_models/mag-test-foo');
      expect(lookup.status).toBe(404);
      const line = stack.decisions.find((d) => d.route === 'put_model_alias');
      expect(line).toMatchObject({ verdict: 'refused', rule: 'shadowing.alias_hides_deployment' });
    });

    it('allows the alias on the model the deployment serves', async () => {
      const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-m1/model_aliases/mag-test-foo');
      expect(answer.status).toBe(200);
    });
  });

  describeSandboxOnly('_start', () => {
    it('refuses a deployment id that is an alias of another model', async () => {
      await putAliasOrThrow(stack.direct, 'mag-test-m2', 'mag-test-bar');
      const answer = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-m1/deployment/_start?deployment_id=mag-test-bar');
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({
        type: 'status_exception',
        reason: expect.stringMatching(/^cannot start deployment \[mag-test-bar\] of model \[mag-test-m1\] as model_alias \[mag-test-bar\] refers to model \[mag-test-m2\]/),
      });
      const stats = await stack.direct.ml.getTrainedModelsStats({ model_id: 'mag-test-m1' });
      expect(stats.trained_model_stats.map((s) => s.deployment_stats?.deployment_id)).toEqual(['mag-test-foo']);
    });

    it('starts a deployment whose id is no alias', async () => {
      const answer = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-m1/deployment/_start?deployment_id=mag-test-baz&wait_for=started');
      expect(answer.status).toBe(200);
      expect(stack.decisions.find((d) => d.route === 'start_deployment')).toMatchObject({ verdict: 'allowed', rule: 'shadowing.deployment_id_not_an_alias' });
    });
  });
});

describeSandboxOnly('ALLOW_DEPLOYMENT_SHADOWING=true', () => {
  const stack = useStack({ proxy: { ALLOW_DEPLOYMENT_SHADOWING: true } });
  it('lets the alias take the deployment name', async () => {
    await stack.reset();
    await putPyTorchModel(stack.direct, 'mag-test-m1');
    await putPyTorchModel(stack.direct, 'mag-test-m2');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-m1', deployment_id: 'mag-test-foo', wait_for: 'started' });
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-m2/model_aliases/mag-test-foo');
    expect(answer.status).toBe(200);
  });
});
