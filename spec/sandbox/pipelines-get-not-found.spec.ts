/**
 * GET _ingest/pipeline[/<id>] with nothing found: GetPipelineResponse.isFound() is false →
 * RestStatus.NOT_FOUND with the body `{}` (GetPipelineResponse.java @13a0e88f), including
 * when no pipeline is stored at all. `_all` is not special (IngestService.innerGetPipelines).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

describe('GET ingest pipelines when nothing is found', () => {
  const sb = useSandbox({ seedDemoData: false });

  it.each(['/_ingest/pipeline', '/_ingest/pipeline/', '/_ingest/pipeline/*'])('answers %s with 404 {} when no pipeline is stored', async (path) => {
    const r = await raw(sb().url, 'GET', path);
    expect(r.status).toBe(404);
    expect(r.json).toEqual({});
  });

  it('answers a missing id with 404 {} while others exist', async () => {
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p1', { body: { processors: [] } });
    const r = await raw(sb().url, 'GET', '/_ingest/pipeline/missing');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({});
    const all = await raw(sb().url, 'GET', '/_ingest/pipeline');
    expect(all.status).toBe(200);
    expect(all.json).toEqual({ p1: { processors: [] } });
  });

  it('looks _all up as an exact id', async () => {
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p1', { body: { processors: [] } });
    const r = await raw(sb().url, 'GET', '/_ingest/pipeline/_all');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({});
  });
});
