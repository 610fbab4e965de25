import { EsRejection } from '../../../src/errors';
import { aliasValidationErrors, checkAliasRequest } from '../../../src/guard/checks/alias-request-checks';
import { matchGuardedRoute } from '../../../src/rest/route-matcher';

function validate(modelId: string, alias: string): EsRejection | { reassign: boolean } {
  const match = matchGuardedRoute('PUT', `/_ml/trained_models/${modelId}/model_aliases/${alias}`);
  if (match === null || match.kind === 'malformed') throw new Error('not a guarded route');
  return checkAliasRequest(match, { present: false, contentType: undefined }) as EsRejection | { reassign: boolean };
}

const invalid = (alias: string) =>
  `Invalid model_alias; '${alias}' can contain lowercase alphanumeric (a-z and 0-9), hyphens or underscores; ` +
  'must start with alphanumeric and cannot end with numbers';

describe('PutTrainedModelAliasAction.Request.validate() as a 400 action_request_validation_exception', () => {
  it('refuses an alias equal to the model id', () => {
    const result = validate('my-model', 'my-model');
    expect(result).toBeInstanceOf(EsRejection);
    const rejection = result as EsRejection;
    expect(rejection.statusCode).toBe(400);
    expect(rejection.type).toBe('action_request_validation_exception');
    expect(rejection.reason).toBe('Validation Failed: 1: model_alias [my-model] cannot equal model_id [my-model];');
  });

  it('collects both problems in order, without a space after ;', () => {
    expect((validate('regression-model-123123', 'regression-model-123123') as EsRejection).reason).toBe(
      'Validation Failed: 1: model_alias [regression-model-123123] cannot equal model_id [regression-model-123123];' +
        `2: ${invalid('regression-model-123123')};`,
    );
  });

  it.each(['a', '1', 'ab', 'a.b-c_d', '9lives', 'x--y'])('accepts %p', (alias) => {
    expect(aliasValidationErrors(alias, 'm')).toEqual([]);
  });

  it.each(['A', 'aB', 'alias1', 'a-', '-a', '_a', 'a b', 'a/b', '', 'é'])('refuses %p with the MessageFormat text', (alias) => {
    expect(aliasValidationErrors(alias, 'm')).toEqual([invalid(alias)]);
  });

  it('validates the decoded alias', () => {
    expect((validate('m', 'a%2Fb') as EsRejection).reason).toBe(`Validation Failed: 1: ${invalid('a/b')};`);
    expect(validate('m', '%61')).toEqual({ reassign: false });
  });

  it('refuses an alias with a trailing newline (the pattern must match in full)', () => {
    expect(aliasValidationErrors('ab\n', 'm')).toEqual([invalid('ab\n')]);
  });
});
