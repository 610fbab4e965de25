/**
 * GET trained models: `count` is every match, `from`/`size` page the id-sorted list, with
 * lang_ident_model_1 among the user's models and several expressions at once.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test get models" (docs §11.1).
 */
import { Es, yamlScenarios } from './kit';
import { inferenceCrudSetup } from './fixtures';

async function page(es: Es, query: string): Promise<{ count: number; ids: string[] }> {
  const r = await es.get(`/_ml/trained_models/${query}`);
  expect(r.status).toBe(200);
  return { count: r.json.count, ids: r.json.trained_model_configs.map((c: { model_id: string }) => c.model_id) };
}

yamlScenarios('inference_crud.yml GET paging', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test get models: sizes and counts over all 16 models', async () => {
    expect(await page(es(), '*?size=10')).toMatchObject({ count: 16 });
    expect((await page(es(), '*?size=10')).ids).toHaveLength(10);
    expect((await page(es(), '*?size=100')).ids).toHaveLength(16);
    expect(await page(es(), 'a-regression*')).toEqual({ count: 2, ids: ['a-regression-model-0', 'a-regression-model-1'] });
  });

  it('Test get models: from/size windows of the sorted ids', async () => {
    expect(await page(es(), '*?from=0&size=2')).toEqual({ count: 16, ids: ['a-classification-model', 'a-regression-model-0'] });
    expect(await page(es(), '*?from=1&size=1')).toEqual({ count: 16, ids: ['a-regression-model-0'] });
    expect(await page(es(), '*?from=2&size=2')).toEqual({ count: 16, ids: ['a-regression-model-1', 'b-classification-model'] });
    expect(await page(es(), '*?from=13&size=1')).toEqual({ count: 16, ids: ['lang_ident_model_1'] });
    expect(await page(es(), '*?from=13&size=2')).toEqual({ count: 16, ids: ['lang_ident_model_1', 'y-classification-model'] });
    expect(await page(es(), '*?from=14&size=2')).toEqual({ count: 16, ids: ['y-classification-model', 'z-classification-model'] });
  });

  it('Test get models: several expressions at once', async () => {
    expect(await page(es(), 'a-*,lang*,z*?allow_no_match=true&from=3&size=1')).toEqual({ count: 5, ids: ['lang_ident_model_1'] });
    expect(await page(es(), 'a-*,lang*,z*?allow_no_match=true&from=4&size=1')).toEqual({ count: 5, ids: ['z-classification-model'] });
    expect(await page(es(), 'a-*,lang*,z*?from=4&size=100')).toEqual({ count: 5, ids: ['z-classification-model'] });
  });
});
