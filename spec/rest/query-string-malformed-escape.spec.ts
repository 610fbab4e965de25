import { EsRejection } from '../../src/errors';
import { decodeQueryString } from '../../src/rest/query-string';

function rejectionOf(rawUrl: string): EsRejection {
  const result = decodeQueryString(rawUrl);
  if (result instanceof Map) throw new Error('expected a rejection');
  return result;
}

describe('a query string ES cannot decode is answered 400 bad_parameter_exception before routing', () => {
  it('renders the wrapped IllegalArgumentException as ES does', () => {
    const rejection = rejectionOf('/_ml/trained_models/m/model_aliases/a?reassign=%');
    expect(rejection.statusCode).toBe(400);
    expect(rejection.body()).toEqual({
      error: {
        root_cause: [
          {
            type: 'bad_parameter_exception',
            reason: 'java.lang.IllegalArgumentException: unterminated escape sequence at end of string: %',
          },
        ],
        type: 'bad_parameter_exception',
        reason: 'java.lang.IllegalArgumentException: unterminated escape sequence at end of string: %',
        caused_by: {
          type: 'illegal_argument_exception',
          reason: 'unterminated escape sequence at end of string: %',
        },
      },
      status: 400,
    });
  });

  it('quotes only the failing name or value', () => {
    expect(rejectionOf('/p?a=1&b%zz=2').reason).toBe(
      "java.lang.IllegalArgumentException: invalid escape sequence `%zz' at index 1 of: b%zz",
    );
  });

  it('fails on a malformed escape even in a repeated name whose last value is fine', () => {
    expect(rejectionOf('/p?x=%4&x=1').reason).toBe(
      'java.lang.IllegalArgumentException: partial escape sequence at end of string: %4',
    );
  });

  it('does not look past the # for escapes', () => {
    expect(decodeQueryString('/p?a=1#%')).toEqual(new Map([['a', '1']]));
  });

  it('refuses the internal marker parameters, in any case', () => {
    expect(rejectionOf('/p?serverlessRequest=true').reason).toBe(
      'java.lang.IllegalArgumentException: parameter [serverlessRequest] is reserved and may not be set',
    );
    expect(rejectionOf('/p?OPERATORREQUEST').body().error.caused_by).toEqual({
      type: 'illegal_argument_exception',
      reason: 'parameter [OPERATORREQUEST] is reserved and may not be set',
    });
  });
});
