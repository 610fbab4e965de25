/**
 * Start-request checks that refuse before any deployment exists (so they run on a live cluster
 * too): low priority limits and a deployment id naming another model.
 * From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/3rd_party_deployment.yml
 * @07944097: "Test start deployment with low priority and multiple allocations", "Test start
 * deployment with low priority and multiple threads per allocation", "Test cannot start when
 * deployment Id matches a different model".
 */
import { yamlScenarios } from './kit';
import { thirdPartyDeploymentSetup } from './fixtures-deployment';

yamlScenarios('3rd_party_deployment.yml start checks', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => thirdPartyDeploymentSetup(es()));

  it('Test start deployment with low priority and multiple allocations', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?priority=low&number_of_allocations=3');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(/\[number_of_allocations\] must be 1 when \[priority\] is low/);
  });

  it('Test start deployment with low priority and multiple threads per allocation', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?priority=low&threads_per_allocation=4');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(/\[threads_per_allocation\] must be 1 when \[priority\] is low/);
  });

  it('Test cannot start when deployment Id matches a different model', async () => {
    const r = await es().post('/_ml/trained_models/test_model/deployment/_start?deployment_id=another_test_model');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(
      /Deployment id \[another_test_model\] is the same as an another model which is not the model being deployed. Deployment id can be the same as the model being deployed but cannot match a different model/,
    );
  });
});
