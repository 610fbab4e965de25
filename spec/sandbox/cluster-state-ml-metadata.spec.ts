/** docs §4.1, docs §4.2: the raw alias map and assignments in GET _cluster/state/metadata. */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putPyTorchModel, putAlias, startDeployment } from '../support/fixtures';

describe('cluster state ML customs on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('has no trained_model_alias key before the first alias', async () => {
    const r = await raw(sb().url, 'GET', '/_cluster/state/metadata');
    expect(r.json.metadata).not.toHaveProperty('trained_model_alias');
    expect(r.json.metadata).not.toHaveProperty('trained_model_assignment');
  });

  it('shows metadata.trained_model_alias.model_aliases.<alias>.model_id', async () => {
    await putTreeModel(sb().url, 'model-a');
    await putAlias(sb().url, 'model-a', 'the-alias');
    const r = await raw(sb().url, 'GET', '/_cluster/state/metadata?filter_path=metadata.trained_model_alias');
    expect(r.json).toEqual({ metadata: { trained_model_alias: { model_aliases: { 'the-alias': { model_id: 'model-a' } } } } });
  });

  it('shows assignments keyed by deployment id with routing and task parameters', async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch', '?deployment_id=dep-1&number_of_allocations=2');
    await control(sb().url, 'POST', '/deployments/dep-1/state', { allocation: 'started' });
    const r = await raw(sb().url, 'GET', '/_cluster/state/metadata?filter_path=metadata.trained_model_assignment');
    const a = r.json.metadata.trained_model_assignment['dep-1'];
    expect(a.task_parameters).toMatchObject({ model_id: 'torch', deployment_id: 'dep-1', number_of_allocations: 2 });
    expect(a.assignment_state).toBe('started');
    expect(Object.values(a.routing_table)).toEqual([{ current_allocations: 1, target_allocations: 2, routing_state: 'started' }]);
  });

  it('also serves /_cluster/state and refuses unknown metrics', async () => {
    const all = await raw(sb().url, 'GET', '/_cluster/state');
    expect(all.json).toHaveProperty('metadata');
    expect(all.json).toHaveProperty('master_node');
    const bad = await raw(sb().url, 'GET', '/_cluster/state/bogus');
    expect(bad.status).toBe(400);
  });
});

describe('cluster state on 8.2 (legacy custom name)', () => {
  const sb = useSandbox({ esVersion: '8.2.0' });
  it('names the custom trained_model_allocation and omits route allocation counts', async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
    const r = await raw(sb().url, 'GET', '/_cluster/state/metadata');
    expect(r.json.metadata).not.toHaveProperty('trained_model_assignment');
    const a = r.json.metadata.trained_model_allocation.torch;
    expect(Object.values(a.routing_table)).toEqual([{ routing_state: 'started' }]);
  });
});
