/** docs §2 step 9: PUT is not idempotent; reassign is needed even for the same model. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putAlias } from '../support/fixtures';

describe.each(['8.15.0', '8.7.0', '8.5.0', '7.17.0'])('PUT alias reassign on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-a');
    await putTreeModel(sb().url, 'model-b');
    expect((await putAlias(sb().url, 'model-a', 'my-alias')).status).toBe(200);
  });

  it('refuses re-PUTting the same mapping without reassign', async () => {
    const r = await putAlias(sb().url, 'model-a', 'my-alias');
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe(
      'cannot assign model_alias [my-alias] to model_id [model-a] as model_alias already refers to [model-a]. Set parameter [reassign] to [true] if model_alias should be reassigned.',
    );
  });

  it('refuses moving the alias without reassign, naming the old model', async () => {
    const r = await putAlias(sb().url, 'model-b', 'my-alias');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toContain('already refers to [model-a]');
  });

  it('moves the alias with reassign=true', async () => {
    const r = await putAlias(sb().url, 'model-b', 'my-alias', true);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ acknowledged: true });
    const g = await raw(sb().url, 'GET', '/_ml/trained_models/my-alias');
    expect(g.json.trained_model_configs.map((c: { model_id: string }) => c.model_id)).toEqual(['model-b']);
  });

  it('checks reassign before the model lookup (missing model)', async () => {
    const r = await putAlias(sb().url, 'missing', 'my-alias');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toContain('already refers to [model-a]');
  });
});
