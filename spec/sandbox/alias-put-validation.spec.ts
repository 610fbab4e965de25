/** docs §2 step 6: alias validation (action_request_validation_exception), in every version. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel } from '../support/fixtures';

const MSG = (a: string): string =>
  `Invalid model_alias; '${a}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; must start with alphanumeric and cannot end with numbers`;

describe.each(['8.15.0', '8.7.0', '8.5.0', '7.17.0'])('PUT alias validation on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(() => putTreeModel(sb().url, 'regression-model'));

  it('refuses an alias ending with digits', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/regression-model/model_aliases/regression-model-123123');
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('action_request_validation_exception');
    expect(r.json.error.reason).toBe(`Validation Failed: 1: ${MSG('regression-model-123123')};`);
  });

  it('collects both problems, equality first, with no space after ";"', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/model-1/model_aliases/model-1');
    expect(r.json.error.reason).toBe(`Validation Failed: 1: model_alias [model-1] cannot equal model_id [model-1];2: ${MSG('model-1')};`);
  });

  it('refuses alias == model_id even when the alias is valid', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/regression-model/model_aliases/regression-model');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Validation Failed: 1: model_alias [regression-model] cannot equal model_id [regression-model];');
  });

  it.each(['1', 'a', 'a.b', 'a_b-c.d', 'x'.repeat(300)])('accepts the valid alias %s', async (a) => {
    const r = await raw(sb().url, 'PUT', `/_ml/trained_models/regression-model/model_aliases/${a}`);
    expect(r.status).toBe(200);
  });

  it.each(['Abc', '-abc', 'abc-', 'a b', '_a', 'ab1'])('refuses the invalid alias %s', async (a) => {
    const r = await raw(sb().url, 'PUT', `/_ml/trained_models/regression-model/model_aliases/${encodeURIComponent(a)}`);
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe(`Validation Failed: 1: ${MSG(a)};`);
  });

  it('validates before looking at the cluster (missing model, existing alias)', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/missing/model_aliases/bad9');
    expect(r.json.error.type).toBe('action_request_validation_exception');
  });
});
