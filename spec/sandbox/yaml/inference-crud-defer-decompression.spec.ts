/**
 * PUT trained model with `defer_definition_decompression=true`: a compressed definition is stored
 * unread when `model_size_bytes` is given, refused without it; without deferral it is decompressed
 * and a broken one refused.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test put with defer_definition_decompression
 * with invalid compressed definition", "Test put with defer_definition_decompression with invalid
 * compression definition and no memory estimate"; PutTrainedModelAction.Request.validate @08b91421,
 * TransportPutTrainedModelAction.java @ae2cf79f (docs §11.3).
 */
import { yamlScenarios } from './kit';

/** The truncated gzip string of the upstream tests: not a complete compressed definition. */
const BROKEN = 'H4sIAAAAAAAAAEy92a5mW26l9y55HWdj9o3u9RS+SMil4yrBUgpIpywY9fLmR3LMFSpI';

const body = (extra: Record<string, unknown>): Record<string, unknown> => ({
  description: 'model for tests',
  input: { field_names: ['field1', 'field2'] },
  inference_config: { classification: {} },
  compressed_definition: BROKEN,
  ...extra,
});

yamlScenarios('inference_crud.yml defer_definition_decompression', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  it('Test put with defer_definition_decompression with invalid compressed definition: stored with the given size', async () => {
    const r = await es().put('/_ml/trained_models/my-regression-model-with-bad-compressed-definition?defer_definition_decompression=true', body({ model_size_bytes: 1024 }));
    expect(r.status).toBe(200);
    expect(r.json.model_size_bytes).toBe(1024);
    expect(r.json.compressed_definition).toBeUndefined();
  });

  it('Test put with defer_definition_decompression with invalid compression definition and no memory estimate', async () => {
    const r = await es().put('/_ml/trained_models/my-regression-model-compressed-failed?defer_definition_decompression=true', body({}));
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/when \[defer_definition_decompression\] is true and a compressed definition is provided, model_size_bytes must be set/);
    expect(r.json.error.type).toBe('action_request_validation_exception');
  });

  it('without deferral the broken compressed definition is refused', async () => {
    const r = await es().put('/_ml/trained_models/not-deferred', body({ model_size_bytes: 1024 }));
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Failed to parse definition for [not-deferred]');
  });
});
