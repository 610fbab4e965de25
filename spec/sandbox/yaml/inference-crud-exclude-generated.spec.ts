/**
 * GET trained model with `exclude_generated=true`, `include=definition` and
 * `decompress_definition=false`: the user's fields and the compressed definition, no generated fields.
 * From Elasticsearch's inference_crud.yml @05ce9b41: "Test exclude_generated flag" (docs §11.3).
 */
import { gunzipSync } from 'node:zlib';
import { yamlScenarios } from './kit';
import { inferenceCrudSetup } from './fixtures';

yamlScenarios('inference_crud.yml exclude_generated', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => inferenceCrudSetup(es()));

  it('Test exclude_generated flag', async () => {
    const r = await es().get('/_ml/trained_models/a-regression-model-1?exclude_generated=true&include=definition&decompress_definition=false');
    expect(r.status).toBe(200);
    const c = r.json.trained_model_configs[0];
    expect(c.description).toBe('empty model for tests');
    expect(c.model_id).toBe('a-regression-model-1');
    expect(c.compressed_definition).toBeTruthy();
    expect(c.input).toBeTruthy();
    expect(c.inference_config).toBeTruthy();
    expect(c.tags).toBeTruthy();
    for (const generated of ['created_by', 'version', 'create_time', 'estimated_heap_memory_usage', 'estimated_operations', 'license_level']) {
      expect(c[generated]).toBeUndefined();
    }
  });

  it('the compressed definition is the gzipped definition JSON; decompress_definition=true shows the definition', async () => {
    const compressed = (await es().get('/_ml/trained_models/a-regression-model-1?include=definition&decompress_definition=false')).json.trained_model_configs[0];
    const inflated = JSON.parse(gunzipSync(Buffer.from(compressed.compressed_definition, 'base64')).toString('utf8'));
    const plain = (await es().get('/_ml/trained_models/a-regression-model-1?include=definition')).json.trained_model_configs[0];
    expect(plain.compressed_definition).toBeUndefined();
    expect(inflated).toEqual(plain.definition);
    expect(plain.definition.trained_model.tree.feature_names).toEqual(['field1', 'field2']);
  });
});
