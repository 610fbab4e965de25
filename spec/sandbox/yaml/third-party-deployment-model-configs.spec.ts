/**
 * PyTorch model configs the deployment file puts (no deployment started: they run live too).
 * From Elasticsearch's x-pack/plugin/src/yamlRestTest/resources/rest-api-spec/test/ml/3rd_party_deployment.yml
 * @07944097: "Test getting and putting Fill Mask with two mask tokens, as well as exceptions caused
 * by requests with the wrong token" (8.10+), "Test include model definition status", "Test put
 * model config with Japanese tokenizer", "Test put model config with prefix strings" (8.12+).
 */
import { yamlScenarios } from './kit';
import { thirdPartyDeploymentSetup } from './fixtures-deployment';

const fillMask = (tokenizer: string, maskToken?: string): Record<string, unknown> => ({
  description: 'simple model for testing',
  model_type: 'pytorch',
  inference_config: { fill_mask: { tokenization: { [tokenizer]: { with_special_tokens: false } }, ...(maskToken === undefined ? {} : { mask_token: maskToken }) } },
});

yamlScenarios('3rd_party_deployment.yml model configs', { versions: ['8.15.0'] }, (es) => {
  beforeEach(async () => thirdPartyDeploymentSetup(es()));

  it('Test getting and putting Fill Mask with two mask tokens, as well as exceptions caused by requests with the wrong token', async () => {
    await es().ok('PUT', '/_ml/trained_models/bert_fill_mask_model', fillMask('bert'));
    await es().ok('PUT', '/_ml/trained_models/roberta_fill_mask_model', fillMask('roberta'));
    await es().ok('PUT', '/_ml/trained_models/with_correct_mask_token', fillMask('bert', '[MASK]'));
    await es().ok('PUT', '/_ml/trained_models/with_other_correct_mask_token', fillMask('roberta', '<mask>'));
    expect((await es().get('/_ml/trained_models/bert_fill_mask_model')).json.trained_model_configs[0].inference_config.fill_mask.mask_token).toBe('[MASK]');
    expect((await es().get('/_ml/trained_models/roberta_fill_mask_model')).json.trained_model_configs[0].inference_config.fill_mask.mask_token).toBe('<mask>');
    const wrongBert = await es().put('/_ml/trained_models/incorrect_mask_token', fillMask('bert', '<mask>'));
    // upstream `catch: /IllegalArgumentException. Mask token .../` matches the whole error body;
    // the sandbox renders the message in a caused_by without the Java class name (listed as a
    // difference in upstream-tests.ts), so the message itself is what we check
    expect(wrongBert.status).toBe(400);
    expect(wrongBert.body).toMatch(/Mask token requested was \[<mask>\] but must be \[\[MASK\]\] for this model/);
    const wrongRoberta = await es().put('/_ml/trained_models/incorrect_mask_token', fillMask('roberta', '[MASK]'));
    expect(wrongRoberta.status).toBe(400);
    expect(wrongRoberta.body).toMatch(/Mask token requested was \[\[MASK\]\] but must be \[<mask>\] for this model/);
  });

  it('Test include model definition status', async () => {
    const r = await es().get('/_ml/trained_models/test_model?include=definition_status');
    expect(r.json.trained_model_configs[0].fully_defined).toBe(true);
  });

  it('Test put model config with Japanese tokenizer', async () => {
    const r = await es().put('/_ml/trained_models/j_bert', {
      description: 'model config with Japanese tokenizer',
      model_type: 'pytorch',
      inference_config: { pass_through: { tokenization: { bert_ja: { with_special_tokens: false, max_sequence_length: 512, truncate: 'first', span: -1 } } } },
    });
    expect(r.status).toBe(200);
  });

  it('Test put model config with prefix strings', async () => {
    const both = await es().put('/_ml/trained_models/model_with_prefixes', {
      model_type: 'pytorch',
      inference_config: { text_embedding: {} },
      prefix_strings: { search: 'this is a query', ingest: 'this is a passage' },
    });
    expect(both.json.prefix_strings).toEqual({ search: 'this is a query', ingest: 'this is a passage' });
    const got = await es().get('/_ml/trained_models/model_with_prefixes');
    expect(got.json.trained_model_configs[0].prefix_strings).toEqual({ search: 'this is a query', ingest: 'this is a passage' });
    const search = await es().put('/_ml/trained_models/model_with_search_prefix', { model_type: 'pytorch', inference_config: { text_embedding: {} }, prefix_strings: { search: 'this is a query' } });
    expect(search.json.prefix_strings.search).toBe('this is a query');
    expect(search.json.prefix_strings.ingest).toBeUndefined();
    const ingest = await es().put('/_ml/trained_models/model_with_ingest_prefix', { model_type: 'pytorch', inference_config: { text_embedding: {} }, prefix_strings: { ingest: 'this is a passage' } });
    expect(ingest.json.prefix_strings.search).toBeUndefined();
    expect(ingest.json.prefix_strings.ingest).toBe('this is a passage');
  });
});
