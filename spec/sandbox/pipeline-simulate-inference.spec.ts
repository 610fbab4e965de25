/**
 * `_ingest/pipeline/_simulate` runs the inference processor with a tree-ensemble model (docs §11.5):
 * the facts of inference_processor.yml "Test simulate" @11921be3 (skipped upstream for every
 * version, AwaitsFix elastic/elasticsearch#107815, so written here as a contract of our own): the
 * model's results field under `target_field`, renamed by the processor's inference_config; plus
 * `model_id`, an alias as the model id, field_map, a stored pipeline by id and a missing model.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const model = {
  description: 'empty model for tests',
  tags: ['regression', 'tag1'],
  input: { field_names: ['field1', 'field2'] },
  inference_config: { regression: { results_field: 'my_regression' } },
  definition: { preprocessors: [], trained_model: { tree: { feature_names: ['field1', 'field2'], tree_structure: [{ node_index: 0, leaf_value: 42 }], target_type: 'regression' } } },
};

describe('_simulate with an inference processor on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  const simulate = (path: string, body: object): ReturnType<typeof raw> => raw(sb().url, 'POST', path, { body });
  beforeEach(async () => {
    expect((await raw(sb().url, 'PUT', '/_ml/trained_models/a-perfect-regression-model', { body: model })).status).toBe(200);
  });

  it('writes the model results field under target_field, and the request config renames it', async () => {
    const docs = [{ _source: { field1: 1, field2: 2 } }];
    const a = await simulate('/_ingest/pipeline/_simulate', { pipeline: { processors: [{ inference: { model_id: 'a-perfect-regression-model', target_field: 'regression_field', field_map: {} } }] }, docs });
    expect(a.status).toBe(200);
    expect(a.json.docs[0].doc._source.regression_field).toEqual({ my_regression: 42, model_id: 'a-perfect-regression-model' });
    expect(a.json.docs[0].doc).toMatchObject({ _index: '_index', _id: '_id', _version: '-3' });
    const b = await simulate('/_ingest/pipeline/_simulate', {
      pipeline: { processors: [{ inference: { model_id: 'a-perfect-regression-model', inference_config: { regression: { results_field: 'value' } }, target_field: 'regression_field' } }] },
      docs,
    });
    expect(b.json.docs[0].doc._source.regression_field.value).toBe(42);
  });

  it('resolves an alias, applies field_map and the default target, runs a stored pipeline', async () => {
    await raw(sb().url, 'PUT', '/_ml/trained_models/a-perfect-regression-model/model_aliases/perfect');
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p', { body: { processors: [{ inference: { model_id: 'perfect', field_map: { f: 'field1' } } }] } });
    const r = await simulate('/_ingest/pipeline/p/_simulate', { docs: [{ _index: 'i', _id: '1', _source: { f: 3 } }] });
    expect(r.json.docs[0].doc._source).toEqual({ f: 3, ml: { inference: { my_regression: 42, model_id: 'perfect' } } });
    expect(r.json.docs[0].doc).toMatchObject({ _index: 'i', _id: '1' });
  });

  it('a missing model fails the document, not the request', async () => {
    const r = await simulate('/_ingest/pipeline/_simulate', { pipeline: { processors: [{ inference: { model_id: 'nope' } }] }, docs: [{ _source: {} }] });
    expect(r.status).toBe(200);
    expect(r.json.docs[0].error).toMatchObject({ type: 'resource_not_found_exception', reason: 'No known trained model with model_id [nope]' });
  });
});
