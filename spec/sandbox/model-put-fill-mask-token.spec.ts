/**
 * `fill_mask.mask_token` (docs §11.4): from 8.10 GET shows the tokenization's mask token
 * ([MASK] for BERT, the default; <mask> for RoBERTa) and PUT refuses another one
 * (FillMaskConfig.Builder.build, FillMaskConfig.java @dc2b4bbe; 3rd_party_deployment.yml
 * @07944097 "Test getting and putting Fill Mask with two mask tokens, as well as exceptions caused by
 * requests with the wrong token"); before 8.10 the field is unknown (elastic/elasticsearch#97453).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const fillMask = (tokenization: string, maskToken?: string): Record<string, unknown> => ({
  description: 'simple model for testing',
  model_type: 'pytorch',
  inference_config: { fill_mask: { tokenization: { [tokenization]: { with_special_tokens: false } }, ...(maskToken !== undefined ? { mask_token: maskToken } : {}) } },
});

describe('fill_mask mask_token on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('shows the tokenization mask token and accepts the matching one', async () => {
    for (const [id, tok, mask] of [['bert_fill_mask_model', 'bert', undefined], ['roberta_fill_mask_model', 'roberta', undefined], ['with_correct_mask_token', 'bert', '[MASK]'], ['with_other_correct_mask_token', 'roberta', '<mask>']] as const) {
      expect((await raw(sb().url, 'PUT', `/_ml/trained_models/${id}`, { body: fillMask(tok, mask) })).status).toBe(200);
    }
    const bert = await raw(sb().url, 'GET', '/_ml/trained_models/bert_fill_mask_model');
    expect(bert.json.trained_model_configs[0].inference_config.fill_mask.mask_token).toBe('[MASK]');
    const roberta = await raw(sb().url, 'GET', '/_ml/trained_models/roberta_fill_mask_model');
    expect(roberta.json.trained_model_configs[0].inference_config.fill_mask.mask_token).toBe('<mask>');
  });

  it('refuses a mask token that is not the tokenization one', async () => {
    const a = await raw(sb().url, 'PUT', '/_ml/trained_models/incorrect_mask_token', { body: fillMask('bert', '<mask>') });
    expect(a.status).toBe(400);
    expect(a.json.error.caused_by).toEqual({ type: 'illegal_argument_exception', reason: 'Mask token requested was [<mask>] but must be [[MASK]] for this model' });
    const b = await raw(sb().url, 'PUT', '/_ml/trained_models/incorrect_mask_token', { body: fillMask('roberta', '[MASK]') });
    expect(b.json.error.caused_by.reason).toBe('Mask token requested was [[MASK]] but must be [<mask>] for this model');
    expect((await raw(sb().url, 'GET', '/_ml/trained_models/incorrect_mask_token')).status).toBe(404);
  });
});

describe('fill_mask mask_token on 8.8', () => {
  const sb = useSandbox({ esVersion: '8.8.0' });

  it('is not shown and not accepted', async () => {
    expect((await raw(sb().url, 'PUT', '/_ml/trained_models/bert', { body: fillMask('bert') })).status).toBe(200);
    const got = await raw(sb().url, 'GET', '/_ml/trained_models/bert');
    expect(got.json.trained_model_configs[0].inference_config.fill_mask.mask_token).toBeUndefined();
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/with_token', { body: fillMask('bert', '[MASK]') });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('x_content_parse_exception');
    expect(r.text).toContain('unknown field [mask_token]');
  });
});
