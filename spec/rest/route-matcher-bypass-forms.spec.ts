import { GuardedRoute, matchGuardedRoute, pathTokens, rawPathOf, RouteMatch } from '../../src/rest/route-matcher';

function routeOf(match: RouteMatch | null): GuardedRoute {
  if (match === null || match.kind === 'malformed') throw new Error(`expected a guarded route, got ${JSON.stringify(match)}`);
  return match;
}

const put = (url: string) => matchGuardedRoute('PUT', url);

describe('matchGuardedRoute sees every spelling ES routes to the handler, and only those', () => {
  it('ignores trailing slashes (Java split drops trailing empty tokens)', () => {
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a/')).pathParams).toEqual({ model_id: 'm', model_alias: 'a' });
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a///?reassign')).pathParams).toEqual({ model_id: 'm', model_alias: 'a' });
    expect(routeOf(matchGuardedRoute('DELETE', '/_ml/trained_models/m//')).kind).toBe('delete_model');
  });

  it('keeps the trailing slashes in the decoded path ES prints', () => {
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a/')).decodedPath).toBe('/_ml/trained_models/m/model_aliases/a/');
  });

  it('does not match an encoded literal segment', () => {
    expect(put('/_ml/trained_models/m/model%5Faliases/a')).toBeNull();
    expect(put('/%5Fml/trained_models/m/model_aliases/a')).toBeNull();
    expect(matchGuardedRoute('POST', '/_ml/trained_models/m/deployment/%5Fstop')).toBeNull();
  });

  it('does not match case variants of literal segments', () => {
    expect(put('/_ML/trained_models/m/model_aliases/a')).toBeNull();
    expect(put('/_ml/Trained_Models/m/model_aliases/a')).toBeNull();
    expect(put('/_ml/trained_models/m/Model_Aliases/a')).toBeNull();
  });

  it('decodes %2F inside a value into a slash, without splitting on it', () => {
    const route = routeOf(put('/_ml/trained_models/a%2Fb/model_aliases/c%2fd'));
    expect(route.pathParams).toEqual({ model_id: 'a/b', model_alias: 'c/d' });
    expect(route.decodedPath).toBe('/_ml/trained_models/a/b/model_aliases/c/d');
  });

  it('keeps + as + in path values', () => {
    expect(routeOf(put('/_ml/trained_models/m+1/model_aliases/a+b')).pathParams).toEqual({ model_id: 'm+1', model_alias: 'a+b' });
  });

  it('decodes other escapes in values', () => {
    expect(routeOf(put('/_ml/trained_models/%6D/model_aliases/%61%62')).pathParams).toEqual({ model_id: 'm', model_alias: 'ab' });
  });

  it('gives an empty middle segment the value ""', () => {
    expect(routeOf(put('/_ml/trained_models//model_aliases/a')).pathParams).toEqual({ model_id: '', model_alias: 'a' });
  });

  it('does not match an empty segment in a literal position', () => {
    expect(put('/_ml//trained_models/m/model_aliases/a')).toBeNull();
  });

  it('does not match a leading // (only one leading empty token is skipped)', () => {
    expect(put('//_ml/trained_models/m/model_aliases/a')).toBeNull();
  });

  it('matches a target without the leading slash, as Java split does', () => {
    expect(routeOf(put('_ml/trained_models/m/model_aliases/a')).kind).toBe('put_model_alias');
  });

  it('reads a query separated by ;', () => {
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a?pretty;reassign=true')).query).toEqual(
      new Map([
        ['pretty', ''],
        ['reassign', 'true'],
      ]),
    );
  });

  it('keeps the last of duplicate query keys', () => {
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a?reassign=true&reassign=false')).query).toEqual(
      new Map([['reassign', 'false']]),
    );
  });

  it('reads ?reassign as an empty value (true for paramAsBoolean)', () => {
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a?reassign')).query).toEqual(new Map([['reassign', '']]));
  });

  it('ends the path at a fragment when there is no query', () => {
    const route = routeOf(put('/_ml/trained_models/m/model_aliases/a#frag'));
    expect(route.pathParams).toEqual({ model_id: 'm', model_alias: 'a' });
    expect(route.rawPath).toBe('/_ml/trained_models/m/model_aliases/a');
  });

  it('keeps a # that precedes the ? inside the path, and reads no query', () => {
    const route = routeOf(put('/_ml/trained_models/m/model_aliases/a#frag?reassign=true'));
    expect(route.pathParams).toEqual({ model_id: 'm', model_alias: 'a#frag' });
    expect(route.query).toEqual(new Map());
  });

  it('drops the part of the query after a fragment', () => {
    expect(routeOf(put('/_ml/trained_models/m/model_aliases/a?x=1#&reassign=true')).query).toEqual(new Map([['x', '1']]));
  });

  it('does not match absolute-form targets, which ES does not route either', () => {
    expect(put('http://es:9200/_ml/trained_models/m/model_aliases/a')).toBeNull();
    expect(put('HTTPS://es/_ml/trained_models/m/model_aliases/a')).toBeNull();
  });

  it('keeps raw latin1 bytes as sent when the value has no escape (ES does not decode it either)', () => {
    expect(routeOf(put('/_ml/trained_models/m\u00c3\u00a9/model_aliases/a')).pathParams['model_id']).toBe('m\u00c3\u00a9');
    expect(routeOf(put('/_ml/trained_models/m\u00c3\u00a9%21/model_aliases/a')).pathParams['model_id']).toBe('m\u00e9!');
  });

  it('matches the legacy delete path with the same spellings', () => {
    expect(routeOf(matchGuardedRoute('DELETE', '/_ml/inference/a%2Fb/')).pathParams).toEqual({ model_id: 'a/b' });
    expect(matchGuardedRoute('DELETE', '/_ml/Inference/m')).toBeNull();
  });
});

describe('pathTokens splits as PathTrie does', () => {
  it('drops trailing empty tokens and skips only one leading empty token', () => {
    expect(pathTokens('/_ml/x//')).toEqual(['_ml', 'x']);
    expect(pathTokens('//_ml/x')).toEqual(['', '_ml', 'x']);
    expect(pathTokens('_ml/x')).toEqual(['_ml', 'x']);
    expect(pathTokens('/a//b')).toEqual(['a', '', 'b']);
    expect(pathTokens('/')).toEqual([]);
  });

  it('takes the raw path up to ?, or up to # when there is no ?', () => {
    expect(rawPathOf('/a#b?c')).toBe('/a#b');
    expect(rawPathOf('/a?b#c')).toBe('/a');
    expect(rawPathOf('/a#b')).toBe('/a');
  });
});
