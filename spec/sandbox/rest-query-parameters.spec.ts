/** Query-string parsing, boolean parameters and unrecognized parameters (docs §5.2, docs §5.3). */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { levenshteinSimilarity } from '../../src/sandbox/rest/levenshtein';
import { putTreeModel, putAlias } from '../support/fixtures';

const ALIAS_PATH = '/_ml/trained_models/m1/model_aliases/alias-a';

describe('query parameters (docs §5.2, docs §5.3)', () => {
  const sb = useSandbox();
  beforeEach(async () => {
    await putTreeModel(sb().url, 'm1');
    await putAlias(sb().url, 'm1', 'alias-a');
  });

  it.each(['?reassign', '?reassign=', '?reassign=true'])('reads %s as true', async (q) => {
    const r = await raw(sb().url, 'PUT', ALIAS_PATH + q);
    expect(r.status).toBe(200);
  });

  it('reads reassign=false as false (the reassign rule fires)', async () => {
    const r = await raw(sb().url, 'PUT', ALIAS_PATH + '?reassign=false');
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
  });

  it.each(['TRUE', '1', 'yes', 'on'])('refuses reassign=%s with 400 illegal_argument_exception', async (v) => {
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?reassign=${v}`);
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('illegal_argument_exception');
    expect(r.json.error.reason).toBe(`Failed to parse value [${v}] as only [true] or [false] are allowed.`);
    expect(r.json.error.root_cause[0].type).toBe('illegal_argument_exception');
  });

  it('splits pairs on ";" as well as "&", and the last repeated value wins', async () => {
    const semi = await raw(sb().url, 'PUT', `${ALIAS_PATH}?pretty;reassign=true`);
    expect(semi.status).toBe(200);
    const last = await raw(sb().url, 'PUT', `${ALIAS_PATH}?reassign=false&reassign=true`);
    expect(last.status).toBe(200);
  });

  it('decodes + as a space in query values', async () => {
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?reassign=tr+ue`);
    expect(r.json.error.reason).toBe('Failed to parse value [tr ue] as only [true] or [false] are allowed.');
  });

  it('refuses an unknown parameter and suggests the close one', async () => {
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?reasign=true`);
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('illegal_argument_exception');
    expect(r.json.error.reason).toBe(
      'request [/_ml/trained_models/m1/model_aliases/alias-a] contains unrecognized parameter: [reasign] -> did you mean [reassign]?',
    );
  });

  it('lists several unknown parameters sorted, each with its suggestions', async () => {
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?zzz=1&model_alia=x&timeout=1s`);
    expect(r.json.error.reason).toBe(
      'request [/_ml/trained_models/m1/model_aliases/alias-a] contains unrecognized parameters: [model_alia] -> did you mean any of [model_alias, model_id]?, [timeout], [zzz]',
    );
  });

  it('offers "any of" when several candidates are close', async () => {
    // "model_ids" is close to model_id (0.888) and to model_alias (0.545)
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?model_ids=x`);
    expect(r.json.error.reason).toBe(
      'request [/_ml/trained_models/m1/model_aliases/alias-a] contains unrecognized parameter: [model_ids] -> did you mean any of [model_id, model_alias]?',
    );
  });

  it('does not count framework parameters as unrecognized', async () => {
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?reassign&pretty&human&filter_path=acknowledged&error_trace=false&format=json`);
    expect(r.status).toBe(200);
    expect(r.text).toBe('{\n  "acknowledged" : true\n}\n');
  });

  it('checks parameter values before unknown parameters', async () => {
    const r = await raw(sb().url, 'PUT', `${ALIAS_PATH}?reassign=maybe&bogus=1`);
    expect(r.json.error.reason).toBe('Failed to parse value [maybe] as only [true] or [false] are allowed.');
  });

  it('answers a malformed query escape with 400 bad_parameter_exception', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models?size=%zz');
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('bad_parameter_exception');
    expect(r.json.error.caused_by).toEqual({ type: 'illegal_argument_exception', reason: "invalid escape sequence `%zz' at index 0 of: %zz" });
  });

  it('adds a stack_trace with error_trace=true', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/missing?error_trace=true');
    expect(r.status).toBe(404);
    expect(typeof r.json.error.stack_trace).toBe('string');
  });

  it('computes Lucene Levenshtein similarity in float', () => {
    expect(levenshteinSimilarity('reasign', 'reassign')).toBeCloseTo(0.875, 6);
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('a', '')).toBe(0);
    expect(levenshteinSimilarity('timeout', 'format')).toBeLessThan(0.5);
  });
});
