import { EsFlatRejection, EsRejection } from '../../src/errors';
import { MalformedRoute, matchGuardedRoute, RouteMatch } from '../../src/rest/route-matcher';

function malformed(match: RouteMatch | null): MalformedRoute {
  if (match === null || match.kind !== 'malformed') throw new Error(`expected a malformed route, got ${JSON.stringify(match)}`);
  return match;
}

describe('a guarded route with an undecodable path value is answered as RestController does', () => {
  it('answers 405 flat with the decoder message and the methods of the path', () => {
    const { rejection } = malformed(matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases/a%ZZ'));
    expect(rejection).toBeInstanceOf(EsFlatRejection);
    expect(rejection.statusCode).toBe(405);
    expect(rejection.body()).toEqual({
      error: "invalid escape sequence `%ZZ' at index 1 of: a%ZZ, allowed: [PUT, DELETE]",
      status: 405,
    });
    expect(rejection.headers).toEqual({ Allow: 'PUT,DELETE' });
  });

  it('reports the first undecodable value in path order', () => {
    const { rejection } = malformed(matchGuardedRoute('DELETE', '/_ml/trained_models/m%/model_aliases/a%4'));
    expect(rejection.body()).toEqual({
      error: 'unterminated escape sequence at end of string: m%, allowed: [PUT, DELETE]',
      status: 405,
    });
  });

  it('lists the methods registered at each path', () => {
    expect(malformed(matchGuardedRoute('POST', '/_ml/trained_models/m%4/deployment/_stop')).rejection.body()).toEqual({
      error: 'partial escape sequence at end of string: m%4, allowed: [POST]',
      status: 405,
    });
    const model = malformed(matchGuardedRoute('DELETE', '/_ml/trained_models/%'));
    expect(model.rejection.body()).toEqual({
      error: 'unterminated escape sequence at end of string: %, allowed: [GET, PUT, DELETE]',
      status: 405,
    });
    expect(model.rejection.headers).toEqual({ Allow: 'GET,PUT,DELETE' });
  });

  it('lets a malformed query win: ES fails while creating the request, before routing', () => {
    const { rejection } = malformed(matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases/a%ZZ?x=%'));
    expect(rejection).toBeInstanceOf(EsRejection);
    expect(rejection.statusCode).toBe(400);
    expect((rejection as EsRejection).type).toBe('bad_parameter_exception');
  });

  it('lets a bad pretty value win (channel creation precedes dispatch)', () => {
    const { rejection } = malformed(matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases/a%ZZ?pretty=yes'));
    expect(rejection).toBeInstanceOf(EsRejection);
    expect((rejection as EsRejection).reason).toBe('Failed to parse value [yes] as only [true] or [false] are allowed.');
  });

  it('lets a bad error_trace value win with a flat 400', () => {
    const { rejection } = malformed(matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases/a%ZZ?error_trace=1'));
    expect(rejection.body()).toEqual({
      error: 'Failed to parse value [1] as only [true] or [false] are allowed.',
      status: 400,
    });
  });

  it('does not decode literal positions: a malformed escape there is simply no match', () => {
    expect(matchGuardedRoute('PUT', '/_ml/trained_models/m/model%ZZaliases/a')).toBeNull();
  });

  it('answers a well-formed path with a malformed query as a route carrying the query rejection', () => {
    const match = matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases/a?reassign=%');
    if (match === null || match.kind === 'malformed') throw new Error('expected a route');
    expect(match.query).toBeInstanceOf(EsRejection);
    expect((match.query as EsRejection).type).toBe('bad_parameter_exception');
  });
});
