/**
 * `prefix_strings` exists in trained model configs from 8.12 (elastic/elasticsearch#102089; the
 * specification marks it available since 8.12.0): stored and shown there, an unknown field of the
 * strict parser before (docs §11.4).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const body = { model_type: 'pytorch', inference_config: { text_embedding: {} }, prefix_strings: { search: 'query: ', ingest: 'passage: ' } };

describe('prefix_strings on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  it('is stored and shown', async () => {
    expect((await raw(sb().url, 'PUT', '/_ml/trained_models/e5', { body })).status).toBe(200);
    const got = await raw(sb().url, 'GET', '/_ml/trained_models/e5');
    expect(got.json.trained_model_configs[0].prefix_strings).toEqual({ search: 'query: ', ingest: 'passage: ' });
  });
});

describe('prefix_strings on 8.11', () => {
  const sb = useSandbox({ esVersion: '8.11.0' });
  it('is an unknown field', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/e5', { body });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ type: 'x_content_parse_exception', reason: '[1:2] [trained_model_config] unknown field [prefix_strings]' });
    expect((await raw(sb().url, 'GET', '/_ml/trained_models/e5')).status).toBe(404);
  });
});
