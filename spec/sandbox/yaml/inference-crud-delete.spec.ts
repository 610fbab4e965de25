/**
 * DELETE trained models: unused, missing, referenced by a pipeline directly or through an alias,
 * with and without `force`.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test delete given unused trained model",
 * "Test delete with missing model", "Test delete given model referenced by pipeline", "Test force
 * delete given model referenced by pipeline", "Test delete given model with alias referenced by
 * pipeline", "Test force delete given model with alias referenced by pipeline"; and the forced half
 * of "Test delete already-deleted model returns 404 not 409" (its unforced half is newer than 8.15:
 * up to 8.15 TransportDeleteTrainedModelAction checks pipeline references before existence, so that
 * second DELETE answers 409 there; see spec/sandbox/yaml/upstream-tests.ts) (docs §1.6, docs §11.1).
 */
import { yamlScenarios } from './kit';
import { inferenceCrudSetup, inferencePipeline } from './fixtures';

const PIPELINE = '/_ingest/pipeline/pipeline-using-a-classification-model';

yamlScenarios('inference_crud.yml DELETE', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test delete given unused trained model', async () => {
    const r = await es().delete('/_ml/trained_models/a-classification-model');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ acknowledged: true });
  });

  it('Test delete with missing model: 404', async () => {
    expect((await es().delete('/_ml/trained_models/missing-trained-model')).status).toBe(404);
  });

  it('Test delete given model referenced by pipeline: 409 naming the reference', async () => {
    await es().ok('PUT', PIPELINE, inferencePipeline('a-classification-model'));
    const r = await es().delete('/_ml/trained_models/a-classification-model');
    expect(r.status).toBe(409);
    expect(r.body).toMatch(/Cannot delete model \[a-classification-model\] as it is still referenced by ingest processors; use force to delete the model/);
    expect((await es().delete(PIPELINE)).status).toBe(200);
  });

  it('Test force delete given model referenced by pipeline', async () => {
    await es().ok('PUT', PIPELINE, inferencePipeline('a-classification-model'));
    const r = await es().delete('/_ml/trained_models/a-classification-model?force=true');
    expect(r.json).toEqual({ acknowledged: true });
    expect((await es().delete(PIPELINE)).status).toBe(200);
  });

  it('Test delete given model with alias referenced by pipeline: 409 naming the alias', async () => {
    await es().ok('PUT', '/_ml/trained_models/a-classification-model/model_aliases/alias-to-a-classification-model');
    await es().ok('PUT', PIPELINE, inferencePipeline('alias-to-a-classification-model'));
    const r = await es().delete('/_ml/trained_models/a-classification-model');
    expect(r.status).toBe(409);
    expect(r.body).toMatch(
      /Cannot delete model \[a-classification-model\] as it has a model_alias \[alias-to-a-classification-model\] that is still referenced by ingest processors; use force to delete the model/,
    );
    expect((await es().delete(PIPELINE)).status).toBe(200);
  });

  it('Test force delete given model with alias referenced by pipeline', async () => {
    await es().ok('PUT', '/_ml/trained_models/a-classification-model/model_aliases/alias-to-a-classification-model');
    await es().ok('PUT', PIPELINE, inferencePipeline('alias-to-a-classification-model'));
    const r = await es().delete('/_ml/trained_models/a-classification-model?force=true');
    expect(r.json).toEqual({ acknowledged: true });
    expect((await es().delete(PIPELINE)).status).toBe(200);
  });

  it('Test delete already-deleted model returns 404 not 409: the forced second DELETE is 404', async () => {
    await es().ok('PUT', '/_ml/trained_models/already-deleted-model-404', {
      description: 'model for already-deleted delete status test',
      input: { field_names: ['field1', 'field2'] },
      inference_config: { classification: {} },
      definition: {
        preprocessors: [],
        trained_model: { tree: { feature_names: ['field1', 'field2'], tree_structure: [{ node_index: 0, leaf_value: 1 }], target_type: 'classification', classification_labels: ['no', 'yes'] } },
      },
    });
    await es().ok('PUT', '/_ingest/pipeline/pipeline-using-already-deleted-model-404', inferencePipeline('already-deleted-model-404'));
    expect((await es().delete('/_ml/trained_models/already-deleted-model-404?force=true')).json).toEqual({ acknowledged: true });
    expect((await es().delete('/_ml/trained_models/already-deleted-model-404?force=true')).status).toBe(404);
    expect((await es().delete('/_ingest/pipeline/pipeline-using-already-deleted-model-404')).status).toBe(200);
  });
});
