/** 7.x emulation: no model_type, no PyTorch routes, 7.x content type, product header since 7.14. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, TREE_DEFINITION } from '../support/fixtures';

describe('7.17 shape', () => {
  const sb = useSandbox({ esVersion: '7.17.0' });

  it('has no model_type in configs and reports estimated_heap_memory_usage_bytes', async () => {
    await putTreeModel(sb().url, 'm');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/m');
    expect(r.json.trained_model_configs[0]).not.toHaveProperty('model_type');
    expect(r.json.trained_model_configs[0]).toHaveProperty('estimated_heap_memory_usage_bytes');
    expect(r.headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it('refuses model_type in a PUT body as an unknown field', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/m', { body: { model_type: 'pytorch', input: { field_names: ['a'] }, inference_config: { regression: {} }, definition: TREE_DEFINITION } });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('x_content_parse_exception');
  });

  it('has no deployment or _infer routes', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/m/deployment/_start');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'no handler found for uri [/_ml/trained_models/m/deployment/_start] and method [POST]' });
  });

  it('has no _stats model_size_stats', async () => {
    await putTreeModel(sb().url, 'm');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/m/_stats');
    expect(r.json.trained_model_stats[0]).not.toHaveProperty('model_size_stats');
  });
});

describe('7.13 shape', () => {
  const sb = useSandbox({ esVersion: '7.13.0' });
  it('sends no X-elastic-product', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models');
    expect(r.status).toBe(200);
    expect(r.headers['x-elastic-product']).toBeUndefined();
  });
});
