/**
 * Starting and stopping PyTorch deployments, their ids and the inference counters.
 * From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/3rd_party_deployment.yml
 * @07944097: "Test start deployment fails with missing model definition", "Test start and stop
 * deployment with no cache", "Test start and stop deployment with cache", "Test start and stop
 * deployment with low priority", "Test stop deployments with allow_no_match", "Test start and stop
 * multiple deployments", "Test cannot start 2 deployments with the same Id", "Test start deployment
 * with default Id". Sandbox only: a live cluster would need a PyTorch process and a real model
 * (see fixtures-deployment.ts). Run on 8.15.0 and 8.8.0 (deployment ids exist from 8.8).
 */
import { yamlScenarios } from './kit';
import { firstNodeStats, infer, thirdPartyDeploymentSetup } from './fixtures-deployment';

yamlScenarios('3rd_party_deployment.yml start/stop', { versions: ['8.15.0', '8.8.0'], sandboxOnly: true }, (es) => {
  beforeEach(async () => thirdPartyDeploymentSetup(es()));

  it('Test start deployment fails with missing model definition', async () => {
    await es().ok('PUT', '/_ml/trained_models/distilbert-finetuned-sst', { description: 'distilbert-base-uncased-finetuned-sst-2-english.pt', model_type: 'pytorch', inference_config: { ner: {} } });
    const r = await es().post('/_ml/trained_models/distilbert-finetuned-sst/deployment/_start');
    expect(r.json.error.reason).toMatch(/Could not find trained model definition \[distilbert-finetuned-sst\]/);
  });

  it('Test start and stop deployment with no cache', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?cache_size=0&wait_for=started');
    expect(r.json.assignment.assignment_state).toBe('started');
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', cache_size: '0' });
    expect((await es().post('/_ml/trained_models/test_model/deployment/_stop')).json).toEqual({ stopped: true });
  });

  it('Test start and stop deployment with cache', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?cache_size=10kb&wait_for=started');
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', cache_size: '10kb' });
    for (const input of ['words', 'are', 'words']) expect((await infer(es(), 'test_model', input)).status).toBe(200);
    expect(await firstNodeStats(es(), 'test_model')).toMatchObject({ inference_count: 3, inference_cache_hit_count: 1 });
    expect((await es().post('/_ml/trained_models/test_model/deployment/_stop')).json).toEqual({ stopped: true });
  });

  it('Test start and stop deployment with low priority', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?priority=low&wait_for=started');
    expect(r.json.assignment.assignment_state).toBe('started');
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', priority: 'low', number_of_allocations: 1, threads_per_allocation: 1 });
    expect((await es().post('/_ml/trained_models/test_model/deployment/_stop')).json).toEqual({ stopped: true });
  });

  it('Test stop deployments with allow_no_match', async () => {
    expect((await es().post('/_ml/trained_models/test_model/deployment/_start?deployment_id=test_model_for_search&wait_for=started')).json.assignment.assignment_state).toBe('started');
    expect((await es().post('/_ml/trained_models/test_model_for_search/deployment/_stop')).json).toEqual({ stopped: true });
    const strict = await es().post('/_ml/trained_models/test_model_for_search/deployment/_stop?allow_no_match=false');
    expect(strict.status).toBe(404);
    expect(strict.json.error.reason).toBe('No known model deployment with id [test_model_for_search]');
    expect((await es().post('/_ml/trained_models/test_model_for_search/deployment/_stop?allow_no_match=true')).json).toEqual({ stopped: true });
  });

  it('Test start and stop multiple deployments', async () => {
    for (const d of ['test_model_for_search', 'test_model_for_ingest']) {
      const r = await es().post(`/_ml/trained_models/test_model/deployment/_start?deployment_id=${d}&priority=low&wait_for=started`);
      expect(r.json.assignment.assignment_state).toBe('started');
      expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', deployment_id: d });
      expect((await infer(es(), d, 'words')).status).toBe(200);
    }
    const stats = await es().get('/_ml/trained_models/test_model/_stats');
    expect(stats.json.count).toBe(1); // one model matched
    expect(stats.json.trained_model_stats[0]).toMatchObject({ model_id: 'test_model', deployment_stats: { deployment_id: 'test_model_for_ingest' } });
    expect(stats.json.trained_model_stats[1]).toMatchObject({ model_id: 'test_model', deployment_stats: { deployment_id: 'test_model_for_search' } });
    for (const d of ['test_model_for_search', 'test_model_for_ingest']) expect((await es().post(`/_ml/trained_models/${d}/deployment/_stop`)).json).toEqual({ stopped: true });
  });

  it('Test cannot start 2 deployments with the same Id', async () => {
    expect((await es().post('/_ml/trained_models/test_model/deployment/_start?deployment_id=test_model_deployment&wait_for=started')).status).toBe(200);
    const again = await es().post('/_ml/trained_models/test_model/deployment/_start?deployment_id=test_model_deployment&wait_for=started');
    expect(again.json.error.reason).toMatch(/Could not start model deployment because an existing deployment with the same id \[test_model_deployment\] exist/);
  });

  it('Test start deployment with default Id', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?wait_for=started');
    expect(r.json.assignment.assignment_state).toBe('started');
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', deployment_id: 'test_model' });
  });
});
