/**
 * GET trained models: a missing id, an expression without matches, the pre-packaged model.
 * From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/inference_crud.yml
 * @05ce9b41: "Test get given missing trained model", "Test get given expression without matches
 * and allow_no_match is false", "Test get given expression without matches and allow_no_match is
 * true", "Test get pre-packaged trained models" (docs §11.1).
 */
import { yamlScenarios } from './kit';
import { inferenceCrudSetup } from './fixtures';

yamlScenarios('inference_crud.yml GET missing models', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test get given missing trained model: 404', async () => {
    const r = await es().get('/_ml/trained_models/missing-trained-model');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
  });

  it('Test get given expression without matches and allow_no_match is false: 404', async () => {
    const r = await es().get('/_ml/trained_models/missing-trained-model*?allow_no_match=false');
    expect(r.status).toBe(404);
  });

  it('Test get given expression without matches and allow_no_match is true: count 0', async () => {
    const r = await es().get('/_ml/trained_models/missing-trained-model*?allow_no_match=true');
    expect(r.status).toBe(200);
    expect(r.json.count).toBe(0);
    expect(r.json.trained_model_configs).toEqual([]);
  });

  it('Test get pre-packaged trained models: lang_ident_model_1 with allow_no_match=false', async () => {
    const r = await es().get('/_ml/trained_models/lang_ident_model_1?allow_no_match=false');
    expect(r.status).toBe(200);
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].model_id).toBe('lang_ident_model_1');
  });
});
