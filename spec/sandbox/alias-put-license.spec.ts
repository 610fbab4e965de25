/** docs §2 step 10c: licence check of the new model only (403 security_exception + license.expired.feature). */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putAlias } from '../support/fixtures';

describe.each(['8.15.0', '7.17.0'])('PUT alias licence on %s', (esVersion) => {
  const sb = useSandbox({ esVersion, license: 'basic' });
  beforeEach(() => putTreeModel(sb().url, 'platinum-model'));

  it('refuses a platinum model on a basic licence', async () => {
    const r = await putAlias(sb().url, 'platinum-model', 'an-alias');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      error: {
        root_cause: [{ type: 'security_exception', reason: 'current license is non-compliant for [ml]', 'license.expired.feature': 'ml' }],
        type: 'security_exception',
        reason: 'current license is non-compliant for [ml]',
        'license.expired.feature': 'ml',
      },
      status: 403,
    });
  });

  it('allows a basic-level model (lang_ident_model_1) on a basic licence', async () => {
    const r = await putAlias(sb().url, 'lang_ident_model_1', 'lang');
    expect(r.status).toBe(200);
  });

  it('allows a model made basic through the control API', async () => {
    await control(sb().url, 'POST', '/models/platinum-model', { license_level: 'basic' });
    expect((await putAlias(sb().url, 'platinum-model', 'an-alias')).status).toBe(200);
  });

  it('allows everything once the licence is trial', async () => {
    await control(sb().url, 'POST', '/license', { type: 'trial' });
    expect((await putAlias(sb().url, 'platinum-model', 'an-alias')).status).toBe(200);
  });

  it('checks only the new model: moving off a platinum model to a basic one is allowed', async () => {
    await control(sb().url, 'POST', '/license', { type: 'trial' });
    await putAlias(sb().url, 'platinum-model', 'an-alias');
    await control(sb().url, 'POST', '/license', { type: 'basic' });
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/lang_ident_model_1/model_aliases/an-alias?reassign=true');
    // lang_ident is a classification model; the old one is regression: 11a fires after the licence passes
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toMatch(/with inference config type \[classification\] from model \[platinum-model\] with type \[regression\]/);
  });
});
