/**
 * 8.8+ `_stats` with a deployment id (TransportGetTrainedModelsStatsAction @baf2a187:
 * matchedDeploymentIds, addModelsUsedInMatchingDeployments, getDeploymentStats;
 * GetTrainedModelsStatsAction.Response.Builder.build @0128e306): the models used by
 * deployments whose deployment id matches are added to the id expression; deployment stats
 * are fetched for deployments whose deployment id OR model id matches; each expanded model
 * lists its deployments that have stats.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, putTreeModel, startDeployment, putPipeline, inferencePipeline } from '../support/fixtures';

type Entry = { model_id: string; pipeline_count: number; deployment_stats?: { deployment_id: string; model_id: string } };
const rows = (r: { json: { trained_model_stats: Entry[] } }): Array<[string, string | undefined]> =>
  r.json.trained_model_stats.map((e) => [e.model_id, e.deployment_stats?.deployment_id]);

describe('_stats by deployment id (8.8+)', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'pt');
    await putTreeModel(sb().url, 'tree');
    await startDeployment(sb().url, 'pt');
    await startDeployment(sb().url, 'pt', '?deployment_id=dep2');
  });

  it('answers a deployment id that is not a model id with its model, carrying only that deployment', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/dep2/_stats');
    expect(r.status).toBe(200);
    expect(r.json.count).toBe(1);
    expect(rows(r)).toEqual([['pt', 'dep2']]);
    expect(r.json.trained_model_stats[0].deployment_stats.model_id).toBe('pt');
  });

  it('lists every deployment of the model when queried by the model id (deployment id OR model id matches)', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/pt/_stats');
    expect(r.json.count).toBe(1);
    // HashSet order: "pt" (bucket 4) before "dep2" (bucket 13)
    expect(rows(r)).toEqual([['pt', 'pt'], ['pt', 'dep2']]);
  });

  it('matches deployment ids by wildcard, and mixes them with model ids', async () => {
    const w = await raw(sb().url, 'GET', '/_ml/trained_models/dep*/_stats?allow_no_match=false');
    expect(w.status).toBe(200);
    expect(w.json.count).toBe(1);
    expect(rows(w)).toEqual([['pt', 'dep2']]);
    const mixed = await raw(sb().url, 'GET', '/_ml/trained_models/dep2,tree/_stats');
    expect(mixed.json.count).toBe(2);
    expect(rows(mixed)).toEqual([['pt', 'dep2'], ['tree', undefined]]);
  });

  it('still answers 404 for an id that is neither a model, an alias nor a deployment', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/dep3/_stats');
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('No known trained model with model_id [dep3]');
  });

  it('takes ingest stats from pipelines referencing the matched deployment id, else from the model', async () => {
    await putPipeline(sb().url, 'by-dep', inferencePipeline('dep2'));
    await putPipeline(sb().url, 'by-model', inferencePipeline('pt'));
    const byDep = await raw(sb().url, 'GET', '/_ml/trained_models/dep2/_stats');
    expect(byDep.json.trained_model_stats[0].pipeline_count).toBe(1);
    expect(Object.keys(byDep.json.trained_model_stats[0].ingest.pipelines)).toEqual(['by-dep']);
    // queried by model id, dep2 is not a matched deployment id: both entries use the model's
    const byModel = await raw(sb().url, 'GET', '/_ml/trained_models/pt/_stats');
    for (const e of byModel.json.trained_model_stats) expect(Object.keys(e.ingest.pipelines)).toEqual(['by-model']);
  });
});

describe('_stats by deployment id before 8.8', () => {
  const sb = useSandbox({ esVersion: '8.7.0' });

  it('has no deployment ids: an unknown id is a missing model', async () => {
    await putPyTorchModel(sb().url, 'pt');
    await startDeployment(sb().url, 'pt');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/dep2/_stats');
    expect(r.status).toBe(404);
  });
});
