/**
 * The control API scales a deployment as adaptive allocations would (docs §10.3): with
 * `scaled_to: 0` the stats report zero allocations of zero.
 */
import { control, useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel } from '../support/fixtures';

describe('control: scaled_to', () => {
  const sb = useSandbox({ esVersion: '8.16.0' });

  it('scales a started deployment to zero allocations', async () => {
    await putPyTorchModel(sb().url, 'torch');
    await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_start');
    const r = await control(sb().url, 'POST', '/deployments/torch/state', { scaled_to: 0 });
    expect(r.json).toMatchObject({ deployment_id: 'torch', number_of_allocations: 0 });
    const stats = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(stats.json.trained_model_stats[0].deployment_stats.allocation_status).toMatchObject({ allocation_count: 0, target_allocation_count: 0 });
  });
});
