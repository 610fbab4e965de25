/**
 * GET trained models filtered by `tags` (every tag must be present; count after filtering).
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test get models with tags" (docs §11.1).
 */
import { yamlScenarios } from './kit';
import { inferenceCrudSetup } from './fixtures';

yamlScenarios('inference_crud.yml GET by tags', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test get models with tags', async () => {
    let r = await es().get('/_ml/trained_models/*?tags=regression,tag1');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].model_id).toBe('a-regression-model-0');

    r = await es().get('/_ml/trained_models/a-regression*?tags=tag1');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].model_id).toBe('a-regression-model-0');

    r = await es().get('/_ml/trained_models/*?tags=tag2');
    expect(r.json.count).toBe(12);
    expect(r.json.trained_model_configs[0].model_id).toBe('a-classification-model');
    expect(r.json.trained_model_configs[1].model_id).toBe('a-regression-model-1');

    r = await es().get('/_ml/trained_models/*?tags=tag2&from=1&size=1');
    expect(r.json.count).toBe(12);
    expect(r.json.trained_model_configs[0].model_id).toBe('a-regression-model-1');
  });
});
