/**
 * Model aliases on PyTorch models. From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/
 * rest-api-spec/test/ml/3rd_party_deployment.yml @07944097: "Test put model alias on pytorch
 * model" (no deployment: runs live too), "Test update model alias on pytorch model to undeployed
 * model" (starts a deployment: sandbox only), "Test cannot create model with a deployment Id"
 * (sandbox only).
 */
import { yamlScenarios } from './kit';
import { firstNodeStats, infer, thirdPartyDeploymentSetup } from './fixtures-deployment';

yamlScenarios('3rd_party_deployment.yml aliases', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => thirdPartyDeploymentSetup(es()));

  it('Test put model alias on pytorch model', async () => {
    await es().ok('PUT', '/_ml/trained_models/test_model/model_aliases/pytorch');
    let got = await es().get('/_ml/trained_models/pytorch');
    expect(got.json.count).toBe(1);
    expect(got.json.trained_model_configs).toHaveLength(1);
    expect(got.json.trained_model_configs[0].model_id).toBe('test_model');
    await es().ok('PUT', '/_ml/trained_models/another_test_model/model_aliases/pytorch?reassign=true');
    got = await es().get('/_ml/trained_models/pytorch');
    expect(got.json.count).toBe(1);
    expect(got.json.trained_model_configs[0].model_id).toBe('another_test_model');
  });
});

yamlScenarios('3rd_party_deployment.yml aliases with deployments', { versions: ['8.15.0', '8.8.0'], sandboxOnly: true }, (es) => {
  beforeEach(async () => thirdPartyDeploymentSetup(es()));

  it('Test update model alias on pytorch model to undeployed model', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?wait_for=started');
    expect(r.json.assignment.task_parameters.model_id).toBe('test_model');
    await es().ok('PUT', '/_ml/trained_models/test_model/model_aliases/pytorch');
    expect((await infer(es(), 'pytorch', 'words')).status).toBe(200);
    expect(await firstNodeStats(es(), 'test_model')).toMatchObject({ inference_count: 1 });
    const move = await es().put('/_ml/trained_models/another_test_model/model_aliases/pytorch?reassign=true');
    expect(move.status).toBe(400);
    expect(move.json.error.reason).toMatch(/cannot reassign model_alias \[pytorch\] to model \[another_test_model\] from model \[test_model\] as it is not yet deployed/);
  });

  it('Test cannot create model with a deployment Id', async () => {
    expect((await es().post('/_ml/trained_models/test_model/deployment/_start?wait_for=started&deployment_id=test_model_deployment')).json.assignment.assignment_state).toBe('started');
    const r = await es().put('/_ml/trained_models/test_model_deployment', { model_type: 'pytorch', inference_config: { ner: {} } });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(/Cannot create model \[test_model_deployment\] the id is the same as an current model deployment/);
  });
});
