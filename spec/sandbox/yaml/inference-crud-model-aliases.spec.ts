/**
 * Model aliases in GET, PUT (reassign, bad names, inference-type change) and DELETE.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test put model model aliases", "Test update
 * model alias with model id referring to missing model", "Test update model alias with bad alias",
 * "Test update model alias where alias exists but old model id is different inference type", "Test
 * update model alias where alias exists but reassign is false", "Test delete model alias", "Test delete
 * model alias with missing alias", "Test delete model alias where alias points to different model"
 * (docs §2, docs §11.1).
 */
import { yamlScenarios } from './kit';
import { inferenceCrudSetup } from './fixtures';

const alias = (model: string, name: string, query = ''): string => `/_ml/trained_models/${model}/model_aliases/${name}${query}`;

yamlScenarios('inference_crud.yml model aliases', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test put model model aliases', async () => {
    await es().ok('PUT', alias('a-regression-model-1', 'regression-model'));
    let r = await es().get('/_ml/trained_models/regression-model,a-classification-model');
    expect(r.json.count).toBe(2);
    expect(r.json.trained_model_configs.map((c: { model_id: string }) => c.model_id)).toEqual(['a-classification-model', 'a-regression-model-1']);

    await es().ok('PUT', alias('a-regression-model-0', 'regression-model', '?reassign=true'));
    r = await es().get('/_ml/trained_models/regression-model,a-classification-model');
    expect(r.json.count).toBe(2);
    expect(r.json.trained_model_configs.map((c: { model_id: string }) => c.model_id)).toEqual(['a-classification-model', 'a-regression-model-0']);

    await es().ok('PUT', alias('a-regression-model-0', 'regression-model-again'));
    r = await es().get('/_ml/trained_models/a-regression-model-*?size=1');
    expect(r.json.trained_model_configs).toHaveLength(1);
    expect(r.json.trained_model_configs[0].model_id).toBe('a-regression-model-0');
    expect(r.json.trained_model_configs[0].metadata.model_aliases).toEqual(['regression-model', 'regression-model-again']);
  });

  it('Test update model alias with model id referring to missing model: 404', async () => {
    expect((await es().put(alias('missing-model', 'regression-model'))).status).toBe(404);
  });

  it('Test update model alias with bad alias', async () => {
    const bad = await es().put(alias('regression-model-123123', 'regression-model-123123'));
    expect(bad.body).toMatch(/must start with alphanumeric and cannot end with numbers/);
    expect((await es().put(alias('z-classification-model', 'z-classification-model'))).status).toBe(400);
  });

  it('Test update model alias where alias exists but old model id is different inference type: 400', async () => {
    await es().ok('PUT', alias('a-regression-model-0', 'regression-model'));
    expect((await es().put(alias('a-classification-model', 'regression-model', '?reassign=true'))).status).toBe(400);
  });

  it('Test update model alias where alias exists but reassign is false: 400', async () => {
    await es().ok('PUT', alias('a-regression-model-0', 'regression-model'));
    expect((await es().put(alias('a-regression-model-1', 'regression-model', '?reassign=false'))).status).toBe(400);
  });

  it('Test delete model alias', async () => {
    await es().ok('PUT', alias('a-regression-model-0', 'regression-model'));
    const r = await es().get('/_ml/trained_models/regression-model');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].model_id).toBe('a-regression-model-0');
    await es().ok('DELETE', alias('a-regression-model-0', 'regression-model'));
    expect((await es().get('/_ml/trained_models/regression-model')).status).toBe(404);
  });

  it('Test delete model alias with missing alias: 404', async () => {
    expect((await es().delete(alias('a-regression-model-0', 'regression-model'))).status).toBe(404);
  });

  it('Test delete model alias where alias points to different model: 409', async () => {
    await es().ok('PUT', alias('a-regression-model-1', 'regression-model'));
    expect((await es().delete(alias('a-regression-model-0', 'regression-model'))).status).toBe(409);
  });
});
