/** docs §1.3 / docs §4.1: GET trained models resolves aliases and wildcards, lists metadata.model_aliases. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putAlias } from '../support/fixtures';

const ids = (r: { json: { trained_model_configs: Array<{ model_id: string }> } }): string[] => r.json.trained_model_configs.map((c) => c.model_id);

describe.each(['8.15.0', '7.17.0'])('GET trained models on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-b');
    await putTreeModel(sb().url, 'model-a');
    await putAlias(sb().url, 'model-a', 'zeta');
    await putAlias(sb().url, 'model-a', 'alpha');
  });

  it('resolves an alias and lists every alias of the model, sorted', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/zeta');
    expect(r.json.count).toBe(1);
    expect(r.json.trained_model_configs[0].model_id).toBe('model-a');
    expect(r.json.trained_model_configs[0].metadata.model_aliases).toEqual(['alpha', 'zeta']);
  });

  it('omits metadata when the model has no alias', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/model-b');
    expect(r.json.trained_model_configs[0].metadata).toBeUndefined();
  });

  it('matches wildcards against alias names too, sorted by model_id, de-duplicated', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/zet*,model-*,alpha');
    expect(ids(r)).toEqual(['model-a', 'model-b']);
    expect(r.json.count).toBe(2);
  });

  it('lists every model (with lang_ident_model_1) for no id, _all and *', async () => {
    for (const p of ['/_ml/trained_models', '/_ml/trained_models/_all', '/_ml/trained_models/*']) {
      const r = await raw(sb().url, 'GET', p);
      expect(ids(r)).toEqual(['lang_ident_model_1', 'model-a', 'model-b']);
    }
  });

  it('answers a missing exact id with 404 even with allow_no_match=true', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/missing?allow_no_match=true');
    expect(r.status).toBe(404);
    expect(r.json.error.type).toBe('resource_not_found_exception');
    expect(r.json.error.reason).toBe('No known trained model with model_id [missing]');
  });

  it('answers an unmatched wildcard with an empty list, or 404 with allow_no_match=false', async () => {
    const ok = await raw(sb().url, 'GET', '/_ml/trained_models/nothing*');
    expect(ok.json).toEqual({ count: 0, trained_model_configs: [] });
    const nf = await raw(sb().url, 'GET', '/_ml/trained_models/nothing*?allow_no_match=false');
    expect(nf.status).toBe(404);
  });

  it('pages with from/size while count stays the total', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/model-*?from=1&size=1');
    expect(r.json.count).toBe(2);
    expect(ids(r)).toEqual(['model-b']);
  });

  it('writes the config fields in order, version-shaped', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/model-a');
    const keys = Object.keys(r.json.trained_model_configs[0]);
    if (esVersion.startsWith('8')) {
      expect(keys).toEqual(['model_id', 'model_type', 'created_by', 'version', 'create_time', 'model_size_bytes', 'estimated_operations', 'license_level', 'tags', 'metadata', 'input', 'inference_config']);
    } else {
      expect(keys).not.toContain('model_type');
    }
  });

  it('drops generated fields with exclude_generated and shows the definition on include=definition', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/model-a?exclude_generated=true&include=definition');
    const c = r.json.trained_model_configs[0];
    expect(c.created_by).toBeUndefined();
    expect(c.license_level).toBeUndefined();
    expect(c.definition).toBeDefined();
  });

  it('returns lang_ident_model_1 alone without model_aliases (resource-model quirk)', async () => {
    await putAlias(sb().url, 'lang_ident_model_1', 'lang');
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/lang_ident_model_1');
    expect(r.json.trained_model_configs[0].metadata).toBeUndefined();
    const both = await raw(sb().url, 'GET', '/_ml/trained_models/lang_ident_model_1,model-a');
    expect(both.json.trained_model_configs[0].metadata.model_aliases).toEqual(['lang']);
  });
});
