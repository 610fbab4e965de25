/**
 * docs §11: `priority=low` deployments take one allocation of one thread. Upstream
 * 3rd_party_deployment.yml @07944097 "Test start and stop deployment with low priority",
 * "... low priority and multiple allocations", "... low priority and multiple threads per
 * allocation"; StartTrainedModelDeploymentAction.Request.validate.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel } from '../support/fixtures';

describe('start deployment with priority=low on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(() => putPyTorchModel(sb().url, 'test_model'));

  it('starts with one allocation of one thread', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/test_model/deployment/_start?priority=low&wait_for=started');
    expect(r.status).toBe(200);
    expect(r.json.assignment.assignment_state).toBe('started');
    expect(r.json.assignment.task_parameters).toMatchObject({ model_id: 'test_model', priority: 'low', number_of_allocations: 1, threads_per_allocation: 1 });
  });

  it('refuses several allocations', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/test_model/deployment/_start?priority=low&number_of_allocations=3');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Validation Failed: 1: [number_of_allocations] must be 1 when [priority] is low;');
  });

  it('refuses several threads per allocation', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/test_model/deployment/_start?priority=low&threads_per_allocation=4');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Validation Failed: 1: [threads_per_allocation] must be 1 when [priority] is low;');
  });
});
