/**
 * GET _cat/ml/trained_models: the default columns, `v` headers, `h` with aliases.
 * From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/trained_model_cat_apis.yml
 * @98ff2a93: "Test cat trained models"; table layout of RestCatTrainedModelsAction.java @79ec6581
 * (docs §11.6). The upstream setup also creates a data frame analytics job named `prepackaged`,
 * which makes lang_ident_model_1's `dfid` column read `prepackaged` (the model's tag); the sandbox
 * emulates no data frame analytics, so that row reads `__none__` here. The upstream regexes are
 * COMMENTS-mode patterns; they are written here without their layout whitespace.
 */
import { stumpModel, yamlScenarios } from './kit';

yamlScenarios('trained_model_cat_apis.yml', { versions: ['8.15.0', '8.8.0'] }, (es) => {
  beforeEach(async () => {
    await es().ok('PUT', '/index-source');
    await es().ok('PUT', '/_ml/trained_models/a-regression-model-0', stumpModel('regression', { tags: ['regression', 'tag1'] }));
    await es().ok('PUT', '/_ml/trained_models/a-regression-model-1', stumpModel('regression', { model_type: 'tree_ensemble' }));
  });

  afterEach(async () => {
    await es().delete('/index-source');
  });

  it('Test cat trained models: default columns without headers', async () => {
    const r = await es().get('/_cat/ml/trained_models/a-regression-model-0');
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^(a-regression-model-0\s+\w+\s+\d+\s+.*?\s+\d+.*?\n)+$/);
  });

  it('Test cat trained models: v=true prints the header line', async () => {
    const r = await es().get('/_cat/ml/trained_models/a-regression-model-0?v=true');
    expect(r.body).toMatch(/^id\s+heap_size\s+operations\s+create_time\s+type\s+ingest\.pipelines\s+data_frame\.id\s*\n(a-regression-model-0\s+\w+\s+\d+\s+\S+\s+tree_ensemble\s+\d+\s+\w+\n)+$/);
  });

  it('Test cat trained models: h=id,license,dfid,ip over all models', async () => {
    const r = await es().get('/_cat/ml/trained_models?h=id,license,dfid,ip&v=true');
    expect(r.body).toMatch(
      /^id\s+license\s+dfid\s+ip\n(a-regression-model-0\s+\w+\s+__none__\s+\d+\n)+(a-regression-model-1\s+\w+\s+__none__\s+\d+\n)+(lang_ident_model_1\s+\w+\s+__none__\s+\d+\n)+$/,
    );
    const one = await es().get('/_cat/ml/trained_models/a-regression-model-1?h=id,license,dfid,ip&v=true');
    expect(one.body).toMatch(/^id\s+license\s+dfid\s+ip\n(a-regression-model-1\s+\w+\s+__none__\s+\d+\n)+$/);
  });
});
