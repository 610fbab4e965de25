/** docs §2 step 10a/10b: alias colliding with a model id; missing model; no alias resolution of model_id. */
import { useSandbox, control } from './helpers';
import { putTreeModel, putAlias } from '../support/fixtures';

describe.each(['8.15.0', '8.7.0', '8.5.0', '7.17.0'])('PUT alias model lookup on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-a');
    await putTreeModel(sb().url, 'model-b');
  });

  it('refuses an alias equal to an existing model id (400 status_exception)', async () => {
    const r = await putAlias(sb().url, 'model-a', 'model-b');
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('model_alias cannot be the same as an existing trained model_id');
  });

  it('prefers the collision over the missing model', async () => {
    const r = await putAlias(sb().url, 'missing', 'model-b');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('model_alias cannot be the same as an existing trained model_id');
  });

  it('answers a missing model with 404 resource_not_found_exception', async () => {
    const r = await putAlias(sb().url, 'missing', 'an-alias');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
    expect(r.json.error.reason).toBe('No known trained model with model_id [missing]');
  });

  it('never resolves the path model_id through an alias', async () => {
    await putAlias(sb().url, 'model-a', 'first');
    const r = await putAlias(sb().url, 'first', 'second');
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('No known trained model with model_id [first]');
  });

  it('accepts the built-in lang_ident_model_1 as a target', async () => {
    const r = await putAlias(sb().url, 'lang_ident_model_1', 'lang');
    expect(r.status).toBe(200);
  });

  it('skips every compatibility check when the old model no longer exists (dangling alias)', async () => {
    // DELETE model removes its aliases (docs §1.6), so a dangling alias is made through the control API
    await control(sb().url, 'POST', '/aliases/orphan', { model_id: 'gone-model' });
    await putTreeModel(sb().url, 'class-model', { config: 'classification', fields: ['zzz'] });
    const r = await putAlias(sb().url, 'class-model', 'orphan', true);
    expect(r.status).toBe(200);
    expect(r.headers['warning']).toBeUndefined();
  });
});
