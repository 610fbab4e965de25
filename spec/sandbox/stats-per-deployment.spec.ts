/** docs §1.4, docs §4.2, docs §4.3: one entry per deployment (8.8+), allocation_status, and the alias trap. */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putPyTorchModel, putAlias, startDeployment, putPipeline, inferencePipeline } from '../support/fixtures';

describe('_stats on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'torch');
    await putTreeModel(sb().url, 'tree');
    await startDeployment(sb().url, 'torch', '?deployment_id=torch-b');
    await startDeployment(sb().url, 'torch', '?deployment_id=torch-a&number_of_allocations=2');
  });

  it('has one entry per deployment, sorted by model id only; count counts models', async () => {
    // Response.Builder.build's comparator compares modelStats1's deployment id with itself
    // (GetTrainedModelsStatsAction @0128e306), so a model's deployments keep the iteration
    // order of the HashSet modelToDeployments built: Java puts "torch-b" (bucket 0) before
    // "torch-a" (bucket 1) — checked with java.util.HashSet.
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/_stats');
    expect(r.json.count).toBe(3);
    const rows = r.json.trained_model_stats.map((e: { model_id: string; deployment_stats?: { deployment_id: string } }) => [e.model_id, e.deployment_stats?.deployment_id]);
    expect(rows).toEqual([['lang_ident_model_1', undefined], ['torch', 'torch-b'], ['torch', 'torch-a'], ['tree', undefined]]);
  });

  it('reports allocation_status computed from the routing table', async () => {
    await control(sb().url, 'POST', '/deployments/torch-a/state', { allocation: 'started' });
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    const a = r.json.trained_model_stats.find((e: { deployment_stats: { deployment_id: string } }) => e.deployment_stats.deployment_id === 'torch-a');
    expect(a.deployment_stats.state).toBe('started');
    expect(a.deployment_stats.allocation_status).toEqual({ allocation_count: 1, target_allocation_count: 2, state: 'started' });
    const b = r.json.trained_model_stats.find((e: { deployment_stats: { deployment_id: string } }) => e.deployment_stats.deployment_id === 'torch-b');
    expect(b.deployment_stats.allocation_status).toEqual({ allocation_count: 1, target_allocation_count: 1, state: 'fully_allocated' });
  });

  it('reports starting with zero allocations', async () => {
    await control(sb().url, 'POST', '/deployments/torch-b/state', { allocation: 'starting' });
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    const b = r.json.trained_model_stats.find((e: { deployment_stats: { deployment_id: string } }) => e.deployment_stats.deployment_id === 'torch-b');
    expect(b.deployment_stats.state).toBe('starting');
    expect(b.deployment_stats.allocation_status).toEqual({ allocation_count: 0, target_allocation_count: 1, state: 'starting' });
  });

  it('leaves allocation_status out while stopping', async () => {
    await control(sb().url, 'POST', '/deployments/torch-b/state', { stopping: true });
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    const b = r.json.trained_model_stats.find((e: { deployment_stats: { deployment_id: string } }) => e.deployment_stats.deployment_id === 'torch-b');
    expect(b.deployment_stats.state).toBe('stopping');
    expect(b.deployment_stats).not.toHaveProperty('allocation_status');
  });

  it('computes state failed when every route failed, keeping allocation_status', async () => {
    await control(sb().url, 'POST', '/deployments/torch-b/state', { failed: true });
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    const b = r.json.trained_model_stats.find((e: { deployment_stats: { deployment_id: string } }) => e.deployment_stats.deployment_id === 'torch-b');
    expect(b.deployment_stats.state).toBe('failed');
  });

  it('drops a deployed model reached through an alias while count still says 1 (docs §4.3)', async () => {
    await putAlias(sb().url, 'torch', 'emb');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/emb/_stats');
    expect(r.json).toEqual({ count: 1, trained_model_stats: [] });
  });

  it('lists every deployment of a model queried by its model id', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(r.json.trained_model_stats).toHaveLength(2);
  });

  it('counts pipelines referencing the model or its aliases, with ingest stats', async () => {
    await putAlias(sb().url, 'tree', 'tree-alias');
    await putPipeline(sb().url, 'p1', inferencePipeline('tree'));
    await putPipeline(sb().url, 'p2', inferencePipeline('tree-alias'));
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/tree/_stats');
    expect(r.json.trained_model_stats[0].pipeline_count).toBe(2);
    expect(Object.keys(r.json.trained_model_stats[0].ingest.pipelines).sort()).toEqual(['p1', 'p2']);
  });
});

describe('_stats on 8.7 (one deployment per model)', () => {
  const sb = useSandbox({ esVersion: '8.7.0' });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
  });

  it('has no deployment_id in deployment_stats', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(r.json.trained_model_stats[0].deployment_stats.model_id).toBe('torch');
    expect(r.json.trained_model_stats[0].deployment_stats).not.toHaveProperty('deployment_id');
  });

  it('shows the aliased model as undeployed (entry without deployment_stats, docs §4.3)', async () => {
    await putAlias(sb().url, 'torch', 'emb');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/emb/_stats');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_stats).toHaveLength(1);
    expect(r.json.trained_model_stats[0]).not.toHaveProperty('deployment_stats');
  });
});
