/**
 * Updating a deployment's allocations and clearing its inference cache; the update of an unknown
 * id. From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/
 * 3rd_party_deployment.yml @07944097: "Test update deployment", "Test clear deployment cache"
 * (sandbox only: they start deployments), and update_trained_model_deployment.yml @6d85dcd5:
 * "Test with unknown model id" (runs live too).
 */
import { yamlScenarios } from './kit';
import { firstNodeStats, infer, thirdPartyDeploymentSetup } from './fixtures-deployment';

yamlScenarios('3rd_party_deployment.yml update and cache', { versions: ['8.15.0', '8.8.0'], sandboxOnly: true }, (es) => {
  beforeEach(async () => thirdPartyDeploymentSetup(es()));

  it('Test update deployment', async () => {
    const started = await es().post('/_ml/trained_models/test_model/deployment/_start?wait_for=started');
    expect(started.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', number_of_allocations: 1 });
    const updated = await es().post('/_ml/trained_models/test_model/deployment/_update', { number_of_allocations: 1 });
    expect(updated.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', number_of_allocations: 1 });
    expect((await es().post('/_ml/trained_models/test_model/deployment/_stop')).json).toEqual({ stopped: true });

    const second = await es().post('/_ml/trained_models/test_model/deployment/_start?deployment_id=test_model_deployment&wait_for=started');
    expect(second.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', number_of_allocations: 1 });
    const byDeployment = await es().post('/_ml/trained_models/test_model_deployment/deployment/_update', { number_of_allocations: 1 });
    expect(byDeployment.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', number_of_allocations: 1 });
  });

  it('Test clear deployment cache', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?deployment_id=test_model_deployment_cache_test&cache_size=10kb&wait_for=started');
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', cache_size: '10kb' });
    for (const input of ['words', 'are', 'words']) await infer(es(), 'test_model', input);
    expect(await firstNodeStats(es(), 'test_model')).toMatchObject({ inference_count: 3, inference_cache_hit_count: 1 });
    expect((await es().post('/_ml/trained_models/test_model_deployment_cache_test/deployment/cache/_clear')).json).toEqual({ cleared: true });
    await infer(es(), 'test_model', 'words');
    expect(await firstNodeStats(es(), 'test_model')).toMatchObject({ inference_count: 4, inference_cache_hit_count: 1 });
    expect((await es().post('/_ml/trained_models/test_model/deployment/_stop')).json).toEqual({ stopped: true });
  });
});

yamlScenarios('update_trained_model_deployment.yml', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  it('Test with unknown model id', async () => {
    const r = await es().post('/_ml/trained_models/missing-model/deployment/_update', { number_of_allocations: 4 });
    expect(r.status).toBe(404);
  });
});
