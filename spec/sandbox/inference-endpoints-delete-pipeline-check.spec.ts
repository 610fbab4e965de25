/**
 * docs §9.2: DELETE _inference refuses (409) while an inference processor names the endpoint
 * id, unless `force`; `dry_run` lists the pipelines and deletes nothing (8.15+); before 8.15
 * neither parameter exists. Facts: TransportDeleteInferenceEndpointAction.java @038918c5,
 * DeleteInferenceEndpointAction.java @0d17ec98 (answer fields), PR #109123 (8.15).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { startSandbox } from '../../src/sandbox';
import { putPipeline, inferencePipeline } from '../support/fixtures';

const OPENAI = { service: 'openai', service_settings: { api_key: 'k', model_id: 'm' } };

describe('DELETE _inference pipeline check on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await raw(sb().url, 'PUT', '/_inference/text_embedding/ep', { body: OPENAI });
    await putPipeline(sb().url, 'uses-ep', inferencePipeline('ep'));
  });

  it('refuses with 409 while a pipeline names the endpoint', async () => {
    const r = await raw(sb().url, 'DELETE', '/_inference/ep');
    expect(r.status).toBe(409);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe(
      'Inference endpoint ep is referenced by pipelines and cannot be deleted. Use `force` to delete it anyway, or use `dry_run` to list the pipelines that reference it.',
    );
    expect((await raw(sb().url, 'GET', '/_inference/ep')).status).toBe(200);
  });

  it('dry_run lists the pipelines and keeps the endpoint', async () => {
    const r = await raw(sb().url, 'DELETE', '/_inference/text_embedding/ep?dry_run=true');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ acknowledged: false, pipelines: ['uses-ep'] });
    expect((await raw(sb().url, 'GET', '/_inference/ep')).status).toBe(200);
  });

  it('force deletes anyway', async () => {
    const r = await raw(sb().url, 'DELETE', '/_inference/ep?force=true');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ acknowledged: true, pipelines: [] });
  });

  it('a wrong task type in the path is a 400', async () => {
    const r = await raw(sb().url, 'DELETE', '/_inference/sparse_embedding/ep');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe("Requested task type [sparse_embedding] does not match the inference endpoint's task type [text_embedding]");
  });
});

describe('DELETE _inference before 8.15', () => {
  it('has no force or dry_run and no pipeline check (8.13)', async () => {
    const old = await startSandbox({ esVersion: '8.13.0' });
    try {
      await raw(old.url, 'PUT', '/_inference/text_embedding/ep', { body: OPENAI });
      await putPipeline(old.url, 'uses-ep', inferencePipeline('ep'));
      const p = await raw(old.url, 'DELETE', '/_inference/ep?force=true');
      expect(p.status).toBe(400);
      expect(p.json.error.reason).toMatch(/unrecognized parameter: \[force\]/);
      const d = await raw(old.url, 'DELETE', '/_inference/ep');
      expect(d.status).toBe(200);
      expect(d.json).toEqual({ acknowledged: true });
    } finally {
      await old.close();
    }
  });
});
