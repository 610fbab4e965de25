/**
 * `_cat/ml/trained_models` options (docs §11.6; RestCatTrainedModelsAction.java @79ec6581):
 * `format=json` gives one object per row keyed by the requested headers, `h` takes aliases and
 * wildcards, `bytes` fixes the heap_size unit, pipelines referencing a model (or its alias) are
 * counted in `ingest.pipelines`, and 7.x has no `type` column.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const stump = {
  input: { field_names: ['f'] },
  inference_config: { regression: {} },
  definition: { trained_model: { tree: { feature_names: ['f'], tree_structure: [{ node_index: 0, leaf_value: 1 }], target_type: 'regression' } } },
};

describe('_cat/ml/trained_models on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('format=json, aliases, bytes and the pipeline count', async () => {
    await raw(sb().url, 'PUT', '/_ml/trained_models/m1', { body: { ...stump, description: 'first' } });
    await raw(sb().url, 'PUT', '/_ml/trained_models/m1/model_aliases/m1-alias');
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p1', { body: { processors: [{ inference: { model_id: 'm1-alias' } }] } });
    const r = await raw(sb().url, 'GET', '/_cat/ml/trained_models/m1?format=json&h=id,o,ip,d,c,type,hs&bytes=b');
    expect(r.status).toBe(200);
    const model = (await raw(sb().url, 'GET', '/_ml/trained_models/m1')).json.trained_model_configs[0];
    expect(r.json).toEqual([{ id: 'm1', o: '1', ip: '1', d: 'first', c: 'api_user', type: 'tree_ensemble', hs: String(model.model_size_bytes) }]);
  });

  it('h with a wildcard selects every matching column by name', async () => {
    const r = await raw(sb().url, 'GET', '/_cat/ml/trained_models/lang_ident_model_1?h=id,ingest.*&v=true');
    expect(r.text.split('\n')[0]).toMatch(/^id\s+ingest\.pipelines\s+ingest\.count\s+ingest\.time\s+ingest\.current\s+ingest\.failed$/);
    expect(r.text.split('\n')[1]).toMatch(/^lang_ident_model_1\s+0\s+0\s+0s\s+0\s+0$/);
  });

  it('an unknown id is 404 with allow_no_match=false', async () => {
    expect((await raw(sb().url, 'GET', '/_cat/ml/trained_models/nope?allow_no_match=false')).status).toBe(404);
  });
});

describe('_cat/ml/trained_models on 7.17', () => {
  const sb = useSandbox({ esVersion: '7.17.0' });
  it('has no type column', async () => {
    const r = await raw(sb().url, 'GET', '/_cat/ml/trained_models?v=true');
    expect(r.text.split('\n')[0]).toMatch(/^id\s+heap_size\s+operations\s+create_time\s+ingest\.pipelines\s+data_frame\.id$/);
  });
});
