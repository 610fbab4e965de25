/** Path matching and per-segment percent-decoding (docs §5.1). */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel } from '../support/fixtures';

describe('REST path decoding (docs §5.1)', () => {
  const sb = useSandbox();

  it('decodes a wildcard segment per segment: %2F is a slash inside the value, + stays +', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/a%2Fb+c');
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('No known trained model with model_id [a/b+c]');
  });

  it('reads %% as a literal percent sign', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/x%%y');
    expect(r.json.error.reason).toBe('No known trained model with model_id [x%y]');
  });

  it('decodes UTF-8 escapes', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/caf%C3%A9');
    expect(r.json.error.reason).toBe('No known trained model with model_id [café]');
  });

  it('ignores trailing slashes', async () => {
    await putTreeModel(sb().url, 'model-a');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/model-a///');
    expect(r.status).toBe(200);
    expect(r.json.trained_model_configs[0].model_id).toBe('model-a');
  });

  it('gives an empty middle segment to the wildcard as ""', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models//model_aliases/abc');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
    expect(r.json.error.reason).toBe('No known trained model with model_id []');
  });

  it('compares literals exactly: an encoded or upper-case literal matches no handler', async () => {
    const enc = await raw(sb().url, 'PUT', '/_ml/trained_models/m/model%5Faliases/a');
    expect(enc.status).toBe(400);
    expect(enc.json).toEqual({ error: 'no handler found for uri [/_ml/trained_models/m/model%5Faliases/a] and method [PUT]' });
    const upper = await raw(sb().url, 'PUT', '/_ML/trained_models/m/model_aliases/a');
    expect(upper.status).toBe(400);
    expect(upper.json.error).toMatch(/^no handler found for uri/);
  });

  it('prefers a literal route over a wildcard one (_stats is not a model id)', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/_stats');
    expect(r.status).toBe(200);
    expect(r.json).toHaveProperty('trained_model_stats');
  });

  it('falls back to the wildcard route when the literal one lacks the method (PUT model named _stats)', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/_stats', { body: { input: { field_names: ['a'] }, inference_config: { regression: {} }, definition: {} } });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('action_request_validation_exception');
    expect(r.json.error.reason).toContain("Invalid model_id; '_stats'");
  });

  it('overrides a query parameter named like a path parameter, silently', async () => {
    await putTreeModel(sb().url, 'real');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/real?model_id=other');
    expect(r.status).toBe(200);
    expect(r.json.trained_model_configs[0].model_id).toBe('real');
  });
});
