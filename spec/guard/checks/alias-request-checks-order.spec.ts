import { EsFlatRejection, EsRejection } from '../../../src/errors';
import { checkAliasRequest } from '../../../src/guard/checks/alias-request-checks';
import type { RequestPreludeFacts as RequestBodyFacts } from '../../../src/rest/request-prelude';
import { GuardedRoute, matchGuardedRoute } from '../../../src/rest/route-matcher';

function route(method: string, url: string): GuardedRoute {
  const match = matchGuardedRoute(method, url);
  if (match === null || match.kind === 'malformed') throw new Error(`not a guarded route: ${method} ${url}`);
  return match;
}

const NO_BODY: RequestBodyFacts = { present: false, contentType: undefined };
const JSON_BODY: RequestBodyFacts = { present: true, contentType: 'application/json' };
const ALIAS = '/_ml/trained_models/m1/model_aliases/al';

function reasonOf(result: unknown): string {
  if (result instanceof EsRejection) return result.reason;
  if (result instanceof EsFlatRejection) return result.message;
  throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
}

describe('checkAliasRequest applies the REST-layer checks in Elasticsearch\'s order', () => {
  it('accepts a clean PUT and parses reassign', () => {
    expect(checkAliasRequest(route('PUT', ALIAS), NO_BODY)).toEqual({ reassign: false });
    expect(checkAliasRequest(route('PUT', `${ALIAS}?reassign`), NO_BODY)).toEqual({ reassign: true });
    expect(checkAliasRequest(route('PUT', `${ALIAS}?reassign=false&reassign=true`), NO_BODY)).toEqual({ reassign: true });
  });

  it('accepts the framework parameters', () => {
    expect(checkAliasRequest(route('PUT', `${ALIAS}?pretty&human=true&error_trace=false&format=json&filter_path=a`), NO_BODY)).toEqual({
      reassign: false,
    });
  });

  it('answers a malformed query first', () => {
    const result = checkAliasRequest(route('PUT', `${ALIAS}?reassign=%&x=1`), { present: true, contentType: 'text/plain' });
    expect((result as EsRejection).type).toBe('bad_parameter_exception');
  });

  it('answers an unparsable Content-Type next, even without a body', () => {
    const result = checkAliasRequest(route('PUT', `${ALIAS}?pretty=bad`), { present: false, contentType: 'nonsense' });
    expect((result as EsRejection).type).toBe('media_type_header_exception');
  });

  it('answers a bad pretty before the Content-Type gate', () => {
    const result = checkAliasRequest(route('PUT', `${ALIAS}?pretty=bad`), { present: true, contentType: undefined });
    expect(reasonOf(result)).toBe('Failed to parse value [bad] as only [true] or [false] are allowed.');
  });

  it('answers 406 for a body without an x-content type, before parameters', () => {
    const missing = checkAliasRequest(route('PUT', `${ALIAS}?reassign=yes`), { present: true, contentType: undefined });
    expect(missing).toBeInstanceOf(EsFlatRejection);
    expect((missing as EsFlatRejection).body()).toEqual({ error: 'Content-Type header is missing', status: 406 });
    const plain = checkAliasRequest(route('PUT', ALIAS), { present: true, contentType: 'text/plain' });
    expect((plain as EsFlatRejection).body()).toEqual({ error: 'Content-Type header [text/plain] is not supported', status: 406 });
  });

  it('ignores the Content-Type gate without a body', () => {
    expect(checkAliasRequest(route('PUT', ALIAS), { present: false, contentType: 'text/plain' })).toEqual({ reassign: false });
  });

  it('answers a bad reassign before unknown parameters', () => {
    const result = checkAliasRequest(route('PUT', `${ALIAS}?reassign=TRUE&foo=1`), NO_BODY);
    expect((result as EsRejection).type).toBe('illegal_argument_exception');
    expect(reasonOf(result)).toBe('Failed to parse value [TRUE] as only [true] or [false] are allowed.');
  });

  it('answers unknown parameters before the body', () => {
    expect(reasonOf(checkAliasRequest(route('PUT', `${ALIAS}?timeout=1s`), JSON_BODY))).toBe(
      `request [${ALIAS}] contains unrecognized parameter: [timeout]`,
    );
  });

  it('answers a body before validation', () => {
    const result = checkAliasRequest(route('PUT', '/_ml/trained_models/same/model_aliases/same'), JSON_BODY);
    expect((result as EsRejection).type).toBe('illegal_argument_exception');
    expect(reasonOf(result)).toBe('request [PUT /_ml/trained_models/same/model_aliases/same] does not support having a body');
  });

  it('prints the decoded path in the body message', () => {
    expect(reasonOf(checkAliasRequest(route('PUT', '/_ml/trained_models/a%2Fb/model_aliases/c/'), JSON_BODY))).toBe(
      'request [PUT /_ml/trained_models/a/b/model_aliases/c/] does not support having a body',
    );
  });

  it('applies validation last', () => {
    expect((checkAliasRequest(route('PUT', '/_ml/trained_models/m/model_aliases/Bad'), NO_BODY) as EsRejection).type).toBe(
      'action_request_validation_exception',
    );
  });

  it('treats DELETE alias the same way, without reassign and without validation', () => {
    const del = '/_ml/trained_models/m/model_aliases/Bad';
    expect(checkAliasRequest(route('DELETE', del), NO_BODY)).toEqual({ reassign: false });
    expect(reasonOf(checkAliasRequest(route('DELETE', `${del}?reassign=true`), NO_BODY))).toBe(
      `request [${del}] contains unrecognized parameter: [reassign]`,
    );
    expect(reasonOf(checkAliasRequest(route('DELETE', del), JSON_BODY))).toBe(`request [DELETE ${del}] does not support having a body`);
  });

  it('refuses to check a route that is not an alias route', () => {
    expect(() => checkAliasRequest(route('DELETE', '/_ml/trained_models/m'), NO_BODY)).toThrow();
  });
});
