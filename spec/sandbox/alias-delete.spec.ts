/** docs §1.2: DELETE alias errors in order (404 status_exception, 409 wrong model, 409 referenced). */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putAlias, putPipeline, inferencePipeline } from '../support/fixtures';

describe.each(['8.15.0', '8.7.0', '7.17.0'])('DELETE alias on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-a');
    await putTreeModel(sb().url, 'model-b');
    await putAlias(sb().url, 'model-a', 'the-alias');
  });

  it('answers an unknown alias with 404 status_exception (not resource_not_found)', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a/model_aliases/nope');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('model_alias [nope] could not be found');
  });

  it('answers an alias of another model with 409', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-b/model_aliases/the-alias');
    expect(r.status).toBe(409);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('model_alias [the-alias] does not refer to provided model_id [model-b]');
  });

  it('answers an alias referenced by a pipeline with 409', async () => {
    await putPipeline(sb().url, 'p1', inferencePipeline('the-alias'));
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a/model_aliases/the-alias');
    expect(r.status).toBe(409);
    expect(r.json.error.reason).toBe('Cannot delete model_alias [the-alias] as it is still referenced by ingest processors');
  });

  it('checks the model before the references', async () => {
    await putPipeline(sb().url, 'p1', inferencePipeline('the-alias'));
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-b/model_aliases/the-alias');
    expect(r.json.error.reason).toBe('model_alias [the-alias] does not refer to provided model_id [model-b]');
  });

  it('deletes, audits, and leaves an empty alias map in the cluster state', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a/model_aliases/the-alias');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ acknowledged: true });
    const g = await raw(sb().url, 'GET', '/_ml/trained_models/the-alias');
    expect(g.status).toBe(404);
    const cs = await raw(sb().url, 'GET', '/_cluster/state/metadata?filter_path=metadata.trained_model_alias');
    expect(cs.json).toEqual({ metadata: { trained_model_alias: { model_aliases: {} } } });
    const st = await control(sb().url, 'GET', '/state');
    expect(st.json.audit).toContainEqual({ model_id: 'model-a', message: 'deleting model_alias [the-alias]', level: 'info' });
  });

  it('refuses parameters and bodies', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a/model_aliases/the-alias?force=true');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(/contains unrecognized parameter: \[force\]/);
  });
});
