/** Control API: deployment allocation state (docs §2 step 11c). */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, startDeployment } from '../support/fixtures';

const status = async (base: string): Promise<unknown> => {
  const r = await raw(base, 'GET', '/_ml/trained_models/torch/_stats');
  return r.json.trained_model_stats[0].deployment_stats.allocation_status;
};

describe('deployment state control', () => {
  const sb = useSandbox();
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch', '?number_of_allocations=3');
  });

  it('walks starting → started → fully_allocated', async () => {
    await control(sb().url, 'POST', '/deployments/torch/state', { allocation: 'starting' });
    expect(await status(sb().url)).toEqual({ allocation_count: 0, target_allocation_count: 3, state: 'starting' });
    await control(sb().url, 'POST', '/deployments/torch/state', { allocation: 'started' });
    expect(await status(sb().url)).toEqual({ allocation_count: 2, target_allocation_count: 3, state: 'started' });
    await control(sb().url, 'POST', '/deployments/torch/state', { allocation: 'fully_allocated' });
    expect(await status(sb().url)).toEqual({ allocation_count: 3, target_allocation_count: 3, state: 'fully_allocated' });
  });

  it('puts a deployment into stopping and back', async () => {
    await control(sb().url, 'POST', '/deployments/torch/state', { stopping: true });
    expect(await status(sb().url)).toBeUndefined();
    await control(sb().url, 'POST', '/deployments/torch/state', { allocation: 'fully_allocated' });
    expect(await status(sb().url)).toEqual({ allocation_count: 3, target_allocation_count: 3, state: 'fully_allocated' });
  });

  it('answers 404 for an unknown deployment and 400 for a bad body', async () => {
    expect((await raw(sb().url, 'POST', '/_sandbox/deployments/nope/state', { body: { allocation: 'started' } })).status).toBe(404);
    expect((await raw(sb().url, 'POST', '/_sandbox/deployments/torch/state', { body: { allocation: 'bogus' } })).status).toBe(400);
  });

  it('is emptied by reset', async () => {
    await control(sb().url, 'POST', '/reset');
    expect((await raw(sb().url, 'GET', '/_ml/trained_models/torch')).status).toBe(404);
  });
});
