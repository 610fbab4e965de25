/**
 * 7.x trained model stats: unused models without ingest, a model used by two pipelines with zeroed
 * ingest stats per pipeline and per inference processor.
 * From Elasticsearch's 7.x x-pack/plugin/src/test/resources/rest-api-spec/test/ml/inference_stats_crud.yml
 * @0189ecb0: "Test get stats given missing trained model", "Test get stats given expression without
 * matches and allow_no_match is false", "Test get stats given expression without matches and
 * allow_no_match is true", "Test get stats given trained models". Upstream setup writes the model
 * configs straight into `.ml-inference-000001`; the sandbox has no such index, so the same three
 * models are created with PUT (docs §4.3, docs §11.1).
 */
import { Es, stumpModel, yamlScenarios } from './kit';

const zero = { count: 0, time_in_millis: 0, current: 0, failed: 0 };

async function setup(es: Es): Promise<void> {
  for (const id of ['a-unused-regression-model1', 'a-unused-regression-model', 'a-used-regression-model']) {
    await es.ok('PUT', `/_ml/trained_models/${id}`, stumpModel('regression'));
  }
  for (const id of ['regression-model-pipeline', 'regression-model-pipeline-1']) {
    await es.ok('PUT', `/_ingest/pipeline/${id}`, {
      processors: [{ inference: { model_id: 'a-used-regression-model', inference_config: { regression: {} }, target_field: 'regression_field', field_mappings: {} } }],
    });
  }
}

async function stats(es: Es, expr: string): Promise<{ count: number; entries: Array<Record<string, unknown>> }> {
  const [ids, query] = expr.split('?');
  const r = await es.get(`/_ml/trained_models/${ids}/_stats${query === undefined ? '' : `?${query}`}`);
  expect(r.status).toBe(200);
  return { count: r.json.count, entries: r.json.trained_model_stats };
}

yamlScenarios('inference_stats_crud.yml (7.x)', { versions: ['7.17.0'], sandboxOnly: true }, (es) => {
  beforeEach(async () => setup(es()));

  it('Test get stats given missing trained model: 404', async () => {
    expect((await es().get('/_ml/trained_models/missing-trained-model/_stats')).status).toBe(404);
  });

  it('Test get stats given expression without matches and allow_no_match is false: 404', async () => {
    expect((await es().get('/_ml/trained_models/missing-trained-model*/_stats?allow_no_match=false')).status).toBe(404);
  });

  it('Test get stats given expression without matches and allow_no_match is true', async () => {
    expect(await stats(es(), 'missing-trained-model*?allow_no_match=true')).toEqual({ count: 0, entries: [] });
  });

  it('Test get stats given trained models', async () => {
    expect((await stats(es(), 'a-unused-regression-model')).count).toBe(1);
    for (const expr of ['_all', '*']) {
      const all = await stats(es(), expr);
      expect(all.count).toBe(4);
      expect(all.entries[0]).toMatchObject({ model_id: 'a-unused-regression-model', pipeline_count: 0 });
      expect(all.entries[0]!.ingest).toBeUndefined();
      expect(all.entries[1]).toMatchObject({ model_id: 'a-unused-regression-model1', pipeline_count: 0 });
      expect(all.entries[1]!.ingest).toBeUndefined();
      expect(all.entries[2]!.pipeline_count).toBe(2);
      expect(all.entries[2]!.ingest).toBeTruthy();
    }
    const page = await stats(es(), 'a-unused-regression-model*?from=1&size=1');
    expect(page.count).toBe(2);
    expect(page.entries[0]).toMatchObject({ model_id: 'a-unused-regression-model1', pipeline_count: 0 });
    expect((await stats(es(), 'a-unused-regression-model*?size=1')).entries[0]!.model_id).toBe('a-unused-regression-model');

    const used = await stats(es(), 'a-used-regression-model');
    expect(used.count).toBe(1);
    expect(used.entries[0]).toMatchObject({ model_id: 'a-used-regression-model', pipeline_count: 2 });
    const ingest = used.entries[0]!.ingest as { total: unknown; pipelines: Record<string, unknown> };
    expect(ingest.total).toEqual(zero);
    for (const pid of ['regression-model-pipeline', 'regression-model-pipeline-1']) {
      expect(ingest.pipelines[pid]).toEqual({ ...zero, processors: [{ inference: { type: 'inference', stats: zero } }] });
    }
  });
});
