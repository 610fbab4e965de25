/** Ingest pipelines PUT/GET/DELETE (docs §1.8, docs §4.4). */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

describe('ingest pipelines', () => {
  const sb = useSandbox();

  it('stores pipelines as given and lists them', async () => {
    const p = { description: 'x', processors: [{ inference: { model_id: 'm', if: 'true' } }] };
    expect((await raw(sb().url, 'PUT', '/_ingest/pipeline/p1', { body: p })).json).toEqual({ acknowledged: true });
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p2', { body: { processors: [] } });
    expect((await raw(sb().url, 'GET', '/_ingest/pipeline/p1')).json).toEqual({ p1: p });
    expect(Object.keys((await raw(sb().url, 'GET', '/_ingest/pipeline')).json).sort()).toEqual(['p1', 'p2']);
    expect(Object.keys((await raw(sb().url, 'GET', '/_ingest/pipeline/p*')).json).sort()).toEqual(['p1', 'p2']);
  });

  it('answers a missing pipeline with 404 and {}', async () => {
    const r = await raw(sb().url, 'GET', '/_ingest/pipeline/nope');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({});
  });

  it('refuses a pipeline without processors', async () => {
    const r = await raw(sb().url, 'PUT', '/_ingest/pipeline/p', { body: { description: 'x' } });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('parse_exception');
    expect(r.json.error.reason).toBe('[processors] required property is missing');
  });

  it('deletes, and answers a missing one with 404', async () => {
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p', { body: { processors: [] } });
    expect((await raw(sb().url, 'DELETE', '/_ingest/pipeline/p')).json).toEqual({ acknowledged: true });
    const r = await raw(sb().url, 'DELETE', '/_ingest/pipeline/p');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
    expect(r.json.error.reason).toBe('pipeline [p] is missing');
  });
});
