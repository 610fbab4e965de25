/** docs §3.1 stop deployment in 8.8+: exact deployment id, allow_no_match, reference checks. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, putAlias, startDeployment, putPipeline, inferencePipeline } from '../support/fixtures';

const stop = (base: string, id: string, q = '', body?: object): ReturnType<typeof raw> =>
  raw(base, 'POST', `/_ml/trained_models/${id}/deployment/_stop${q}`, body ? { body } : {});

describe('stop deployment on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
  });

  it('stops and removes the assignment', async () => {
    const r = await stop(sb().url, 'torch');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ stopped: true });
    const s = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(s.json.trained_model_stats[0]).not.toHaveProperty('deployment_stats');
  });

  it.each(['missing', 'the-alias', '*'])('answers stopped:true for an unknown id %s with allow_no_match defaulting to true', async (id) => {
    await putAlias(sb().url, 'torch', 'the-alias');
    const r = await stop(sb().url, encodeURIComponent(id));
    expect(r.json).toEqual({ stopped: true });
    // nothing was stopped
    const s = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(s.json.trained_model_stats[0].deployment_stats).toBeDefined();
  });

  it('answers 404 with allow_no_match=false', async () => {
    const r = await stop(sb().url, 'missing', '?allow_no_match=false');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
    expect(r.json.error.reason).toBe('No known model deployment with id [missing]');
  });

  it('reads allow_no_match from a body', async () => {
    const r = await stop(sb().url, 'missing', '', { allow_no_match: false });
    expect(r.status).toBe(404);
  });

  it('refuses when a pipeline references the deployment id', async () => {
    await putPipeline(sb().url, 'p', inferencePipeline('torch'));
    const r = await stop(sb().url, 'torch');
    expect(r.status).toBe(409);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('Cannot stop deployment [torch] as it is referenced by ingest processors; use force to stop the deployment');
  });

  it('refuses when a pipeline references an alias of the model (deployment id == model id)', async () => {
    await putAlias(sb().url, 'torch', 'the-alias');
    await putPipeline(sb().url, 'p', inferencePipeline('the-alias'));
    const r = await stop(sb().url, 'torch');
    expect(r.status).toBe(409);
    expect(r.json.error.reason).toBe('Cannot stop deployment [torch] as it has a model_alias [the-alias] that is still referenced by ingest processors; use force to stop the deployment');
  });

  it('misses references when the deployment id differs from the model id (docs §3.1 gaps)', async () => {
    await startDeployment(sb().url, 'torch', '?deployment_id=other-dep');
    await putPipeline(sb().url, 'p', inferencePipeline('torch'));
    await putAlias(sb().url, 'torch', 'the-alias');
    await putPipeline(sb().url, 'p2', inferencePipeline('the-alias'));
    const r = await stop(sb().url, 'other-dep');
    expect(r.json).toEqual({ stopped: true });
  });

  it('stops with force despite references', async () => {
    await putPipeline(sb().url, 'p', inferencePipeline('torch'));
    const r = await stop(sb().url, 'torch', '?force=true');
    expect(r.json).toEqual({ stopped: true });
  });
});
