/**
 * `_start` under a deployment id that is an alias of another model is refused
 * by the guard's own rule, before anything is deployed (docs §13.1, README
 * "What is guarded", beyond Elasticsearch). Needs no deployment, so it runs
 * against a real cluster too (ES_LIVE_URL, 8.8+): the PyTorch model is only
 * a stored config, and the guard answers before Elasticsearch would look at
 * its definition.
 */
import { describeEverywhere } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putAliasOrThrow, putTreeModel } from '../support/fixtures';

describeEverywhere.each(['8.15.0', '8.8.0'])('_start with a deployment id that is an alias (sandbox %s, or ES_LIVE_URL)', (esVersion) => {
  const stack = useStack({ sandbox: { esVersion } });
  beforeEach(async () => {
    await stack.reset();
    await stack.direct.transport.request({
      method: 'PUT',
      path: '/_ml/trained_models/mag-test-pt-config',
      body: { model_type: 'pytorch', inference_config: { text_embedding: {} }, input: { field_names: ['text_field'] } },
    });
    await putTreeModel(stack.direct, 'mag-test-reg', { shape: 'one-leaf' });
    await putAliasOrThrow(stack.direct, 'mag-test-reg', 'mag-test-bar');
  });

  it('is refused with 400 naming the alias and the model it refers to', async () => {
    const answer = await raw(stack.proxyUrl, 'POST', '/_ml/trained_models/mag-test-pt-config/deployment/_start?deployment_id=mag-test-bar', {
      headers: stack.auth,
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.type).toBe('status_exception');
    expect(answer.json.error.reason).toBe(
      'cannot start deployment [mag-test-bar] of model [mag-test-pt-config] as model_alias [mag-test-bar] refers to model [mag-test-reg] ' +
        'and _infer and inference processors resolve [mag-test-bar] as the model_alias, so the deployment would not be reachable by its id ' +
        '(model-alias-guard rule; choose another deployment_id, or set ALLOW_DEPLOYMENT_SHADOWING=true)',
    );
    expect(stack.decisions.at(-1)).toMatchObject({ route: 'start_deployment', verdict: 'refused', rule: 'shadowing.deployment_hidden_by_alias' });
  });
});
