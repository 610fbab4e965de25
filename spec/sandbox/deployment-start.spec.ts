/** docs §1.5 start deployment: assignment body, wait_for, allocation delay, errors. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { startSandbox } from '../../src/sandbox';
import { putTreeModel, putPyTorchModel } from '../support/fixtures';

describe('start deployment on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(() => putPyTorchModel(sb().url, 'torch'));

  it('answers {"assignment": ...} with task parameters and a fully allocated route (delay 0)', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?number_of_allocations=2&threads_per_allocation=4&priority=normal');
    expect(r.status).toBe(200);
    const a = r.json.assignment;
    expect(a.task_parameters).toMatchObject({ model_id: 'torch', deployment_id: 'torch', number_of_allocations: 2, threads_per_allocation: 4, priority: 'normal', queue_capacity: 1024 });
    expect(a.assignment_state).toBe('started');
    const routes = Object.values(a.routing_table) as Array<{ current_allocations: number; routing_state: string }>;
    expect(routes).toEqual([{ current_allocations: 2, target_allocations: 2, routing_state: 'started' }]);
  });

  it('accepts the parameters in a body too', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=d1', { body: { number_of_allocations: 3 } });
    expect(r.json.assignment.task_parameters).toMatchObject({ deployment_id: 'd1', number_of_allocations: 3 });
  });

  it('ignores a deployment_id in the body: the query parameter or the model id names the deployment (docs §10.2)', async () => {
    // RestStartTrainedModelDeploymentAction passes param("deployment_id", model_id) to
    // Request.parseRequest, which overwrites the body's deployment_id
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start', { body: { deployment_id: 'd1', number_of_allocations: 3 } });
    expect(r.status).toBe(200);
    expect(r.json.assignment.task_parameters).toMatchObject({ deployment_id: 'torch', number_of_allocations: 3 });
  });

  it('refuses a second deployment with the same id', async () => {
    await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start');
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Could not start model deployment because an existing deployment with the same id [torch] exist');
  });

  it('refuses a deployment id equal to another model id', async () => {
    await putPyTorchModel(sb().url, 'other');
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=other');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe(
      'Deployment id [other] is the same as an another model which is not the model being deployed. Deployment id can be the same as the model being deployed but cannot match a different model',
    );
  });

  it('refuses a missing model with 404 and a tree model with 400', async () => {
    expect((await raw(sb().url, 'POST', '/_ml/trained_models/nope/deployment/_start')).status).toBe(404);
    await putTreeModel(sb().url, 'tree');
    expect((await raw(sb().url, 'POST', '/_ml/trained_models/tree/deployment/_start')).status).toBe(400);
  });

  it('validates number_of_allocations and threads_per_allocation', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?number_of_allocations=0&threads_per_allocation=3');
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('action_request_validation_exception');
    expect(r.json.error.reason).toBe('Validation Failed: 1: [number_of_allocations] must be a positive integer;2: [threads_per_allocation] must be a power of 2 less than or equal to 32;');
  });

  it('refuses deployment_id before 8.8 as an unknown parameter', async () => {
    const old = await startSandbox({ esVersion: '8.7.0' });
    try {
      await putPyTorchModel(old.url, 'torch');
      const r = await raw(old.url, 'POST', '/_ml/trained_models/torch/deployment/_start?deployment_id=x');
      expect(r.status).toBe(400);
      expect(r.json.error.reason).toMatch(/unrecognized parameter: \[deployment_id\]/);
    } finally {
      await old.close();
    }
  });
});

describe('start deployment with an allocation delay', () => {
  const sb = useSandbox({ esVersion: '8.15.0', allocationDelayMs: 300 });
  beforeEach(() => putPyTorchModel(sb().url, 'torch'));

  it('returns at once with wait_for=starting, in starting state, then allocates', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?wait_for=starting');
    expect(r.json.assignment.assignment_state).toBe('starting');
    const s1 = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(s1.json.trained_model_stats[0].deployment_stats.allocation_status.state).toBe('starting');
    await new Promise((res) => setTimeout(res, 450));
    const s2 = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(s2.json.trained_model_stats[0].deployment_stats.allocation_status.state).toBe('fully_allocated');
  });

  it('waits for fully_allocated by default-ish (wait_for=fully_allocated)', async () => {
    const t0 = Date.now();
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?wait_for=fully_allocated');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(r.json.assignment.assignment_state).toBe('started');
  });

  it('times out with 408 when the timeout is shorter than the delay', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start?timeout=100ms');
    expect(r.status).toBe(408);
    expect(r.json.error.reason).toMatch(/^Timed out after \[100ms\] waiting for model deployment to start/);
  });
});
