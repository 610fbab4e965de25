/**
 * GET trained model stats: missing ids, expressions, paging, unused models without ingest stats, a
 * model alias resolving to its model.
 * From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/get_trained_model_stats.yml
 * @26661978: "Test get stats given missing trained model", "Test get stats given expression without
 * matches and allow_no_match is false", "Test get stats given expression without matches and
 * allow_no_match is true", "Test get stats given trained models". Run on 8.7.0 too: before 8.8 the
 * stats action resolves ids another way (docs §4.3).
 */
import { Es, yamlScenarios } from './kit';
import { trainedModelStatsSetup } from './fixtures';

async function stats(es: Es, expr: string): Promise<{ count: number; entries: Array<Record<string, unknown>> }> {
  const [ids, query] = expr.split('?');
  const r = await es.get(`/_ml/trained_models/${ids}/_stats${query === undefined ? '' : `?${query}`}`);
  expect(r.status).toBe(200);
  return { count: r.json.count, entries: r.json.trained_model_stats };
}

function expectUnused(entry: Record<string, unknown> | undefined, modelId?: string): void {
  if (modelId !== undefined) expect(entry?.model_id).toBe(modelId);
  expect(entry?.pipeline_count).toBe(0);
  expect(entry?.ingest).toBeUndefined();
}

yamlScenarios('get_trained_model_stats.yml', { versions: ['8.15.0', '8.8.0', '8.7.0'] }, (es) => {
  beforeEach(async () => trainedModelStatsSetup(es()));

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
      expectUnused(all.entries[0], 'a-unused-regression-model');
      expectUnused(all.entries[1], 'a-unused-regression-model1');
      expectUnused(all.entries[2]);
    }
    const prefixed = await stats(es(), 'a-unused-regression-model*');
    expect(prefixed.count).toBe(2);
    expectUnused(prefixed.entries[0], 'a-unused-regression-model');
    expectUnused(prefixed.entries[1], 'a-unused-regression-model1');

    const first = await stats(es(), 'a-unused-regression-model*?size=1');
    expect(first.count).toBe(2);
    expectUnused(first.entries[0], 'a-unused-regression-model');
    const second = await stats(es(), 'a-unused-regression-model*?from=1&size=1');
    expect(second.count).toBe(2);
    expectUnused(second.entries[0], 'a-unused-regression-model1');

    const another = await stats(es(), 'another-regression-model');
    expect(another.count).toBe(1);
    expect(another.entries[0]).toMatchObject({ model_id: 'another-regression-model', pipeline_count: 0 });

    // through the model alias
    const byAlias = await stats(es(), 'my-regression');
    expect(byAlias.count).toBe(1);
    expect(byAlias.entries[0]?.model_id).toBe('a-unused-regression-model1');
    const both = await stats(es(), 'my-regression,another-regression-model');
    expect(both.count).toBe(2);
    expect(both.entries.map((e) => e.model_id)).toEqual(['a-unused-regression-model1', 'another-regression-model']);
  });
});
