import { EsRejection } from '../../../src/errors';
import { checkAliasRequest } from '../../../src/guard/checks/alias-request-checks';
import { GuardedRoute, matchGuardedRoute } from '../../../src/rest/route-matcher';

function route(url: string): GuardedRoute {
  const match = matchGuardedRoute('PUT', url);
  if (match === null || match.kind === 'malformed') throw new Error(`not a guarded route: ${url}`);
  return match;
}

function reasonOf(url: string): string {
  const result = checkAliasRequest(route(url), { present: false, contentType: undefined });
  if (!(result instanceof EsRejection)) throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  expect(result.statusCode).toBe(400);
  expect(result.type).toBe('illegal_argument_exception');
  return result.reason;
}

const PATH = '/_ml/trained_models/m/model_aliases/a';

describe('unknown parameters of PUT alias are refused with ES\'s suggestions', () => {
  it('suggests reassign for a typo', () => {
    expect(reasonOf(`${PATH}?reasign=true`)).toBe(`request [${PATH}] contains unrecognized parameter: [reasign] -> did you mean [reassign]?`);
  });

  it('refuses timeout and master_timeout, which the handler does not read', () => {
    expect(reasonOf(`${PATH}?master_timeout=30s&timeout=1m`)).toBe(
      `request [${PATH}] contains unrecognized parameters: [master_timeout], [timeout]`,
    );
  });

  it('offers the path parameters and framework parameters as candidates', () => {
    // model_ids: model_id is 1 edit of 9, model_alias 3 edits of 11; both above 0.5.
    expect(reasonOf(`${PATH}?model_ids=x&prety`)).toBe(
      `request [${PATH}] contains unrecognized parameters: [model_ids] -> did you mean any of [model_id, model_alias]?, [prety] -> did you mean [pretty]?`,
    );
  });

  it('counts query values named like path parameters as consumed: the path value replaces them', () => {
    const result = checkAliasRequest(route(`${PATH}?model_id=other&model_alias=x`), { present: false, contentType: undefined });
    expect(result).toEqual({ reassign: false });
  });

  it('is case-sensitive: Reassign is not reassign', () => {
    expect(reasonOf(`${PATH}?Reassign=true`)).toBe(`request [${PATH}] contains unrecognized parameter: [Reassign] -> did you mean [reassign]?`);
  });
});
