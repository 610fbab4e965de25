/**
 * PyTorch model configs: `vocabulary` refused at creation, `include=definition_status` (only for one
 * PyTorch model), `platform_architecture` kept.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test put nlp model config with vocabulary set",
 * "Test include model definition status", "Test include model platform architecture" (8.11+ only:
 * elastic/elasticsearch#99584 added the field; 8.8 refuses it as unknown, checked below);
 * TransportGetTrainedModelsAction.java @becc8c85 (docs §11.3, docs §11.4).
 */
import { yamlScenarios } from './kit';
import { inferenceCrudSetup } from './fixtures';

yamlScenarios('inference_crud.yml PyTorch configs', { versions: ['8.15.0', '8.8.0'] }, (es, version) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test put nlp model config with vocabulary set', async () => {
    const r = await es().put('/_ml/trained_models/distilbert-finetuned-sst', {
      description: 'distilbert-base-uncased-finetuned-sst-2-english.pt',
      model_type: 'pytorch',
      inference_config: { ner: { vocabulary: { index: '.ml-inference-native' } } },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/illegal setting \[vocabulary\] on inference model creation/);
    expect(r.json.error.root_cause[0].reason).toBe('illegal setting [vocabulary] on inference model creation');
  });

  it('Test include model definition status', async () => {
    await es().ok('PUT', '/_ml/trained_models/model-without-definition', { model_type: 'pytorch', inference_config: { ner: {} } });
    let r = await es().get('/_ml/trained_models/model-without-definition?include=definition_status');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].fully_defined).toBe(false);
    r = await es().get('/_ml/trained_models/model-without-definition');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].fully_defined ?? null).toBeNull();
    r = await es().get('/_ml/trained_models/_all?include=definition_status');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/Getting the model download status is not supported when getting more than one model/);
    r = await es().get('/_ml/trained_models/a-regression-model-0?include=definition_status');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/Definition status is only relevant to PyTorch model types/);
  });

  // platform_architecture exists from 8.11 (elastic/elasticsearch#99584); on 8.8 it is an unknown field
  const fromPlatformArchitecture = version === '8.8.0' ? it.skip : it;
  fromPlatformArchitecture('Test include model platform architecture', async () => {
    await es().ok('PUT', '/_ml/trained_models/model-without-definition', { model_type: 'pytorch', inference_config: { ner: {} }, platform_architecture: 'windows-x86_64' });
    let r = await es().get('/_ml/trained_models/model-without-definition?include=definition_status');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].fully_defined).toBe(false);
    r = await es().get('/_ml/trained_models/model-without-definition');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].platform_architecture).toBe('windows-x86_64');
  });

  if (version === '8.8.0') {
    it('platform_architecture is an unknown field before 8.11', async () => {
      const r = await es().put('/_ml/trained_models/model-without-definition', { model_type: 'pytorch', inference_config: { ner: {} }, platform_architecture: 'windows-x86_64' });
      expect(r.status).toBe(400);
      expect(r.json.error.reason).toBe('[1:2] [trained_model_config] unknown field [platform_architecture]');
    });
  }

  it('include=definition with more than one model on the page is refused', async () => {
    const r = await es().get('/_ml/trained_models/a-regression-*?include=definition');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Getting model definition is not supported when getting more than one model');
  });
});
