import { GuardedRoute, matchGuardedRoute, RouteMatch } from '../../src/rest/route-matcher';

function routeOf(match: RouteMatch | null): GuardedRoute {
  if (match === null || match.kind === 'malformed') throw new Error(`expected a guarded route, got ${JSON.stringify(match)}`);
  return match;
}

describe('matchGuardedRoute recognises the guarded Elasticsearch routes', () => {
  it('recognises PUT alias with both path values', () => {
    const route = routeOf(matchGuardedRoute('PUT', '/_ml/trained_models/model-1/model_aliases/alias-a?reassign=true'));
    expect(route).toEqual({
      kind: 'put_model_alias',
      method: 'PUT',
      rawUrl: '/_ml/trained_models/model-1/model_aliases/alias-a?reassign=true',
      rawPath: '/_ml/trained_models/model-1/model_aliases/alias-a',
      decodedPath: '/_ml/trained_models/model-1/model_aliases/alias-a',
      pathParams: { model_id: 'model-1', model_alias: 'alias-a' },
      query: new Map([['reassign', 'true']]),
      pattern: '/_ml/trained_models/{model_id}/model_aliases/{model_alias}',
    });
  });

  it('recognises DELETE alias on the same path', () => {
    const route = routeOf(matchGuardedRoute('DELETE', '/_ml/trained_models/m/model_aliases/a'));
    expect(route.kind).toBe('delete_model_alias');
    expect(route.pathParams).toEqual({ model_id: 'm', model_alias: 'a' });
  });

  it('recognises POST stop deployment', () => {
    const route = routeOf(matchGuardedRoute('POST', '/_ml/trained_models/dep-1/deployment/_stop?force=true'));
    expect(route.kind).toBe('stop_deployment');
    expect(route.pathParams).toEqual({ model_id: 'dep-1' });
    expect(route.query).toEqual(new Map([['force', 'true']]));
  });

  it('recognises DELETE model', () => {
    const route = routeOf(matchGuardedRoute('DELETE', '/_ml/trained_models/m?force'));
    expect(route.kind).toBe('delete_model');
    expect(route.pathParams).toEqual({ model_id: 'm' });
  });

  it('recognises the legacy DELETE /_ml/inference/{model_id} path of the same delete handler', () => {
    const route = routeOf(matchGuardedRoute('DELETE', '/_ml/inference/m'));
    expect(route.kind).toBe('delete_model');
    expect(route.pathParams).toEqual({ model_id: 'm' });
    expect(route.pattern).toBe('/_ml/inference/{model_id}');
  });

  it('does not match other methods on guarded paths', () => {
    expect(matchGuardedRoute('GET', '/_ml/trained_models/m/model_aliases/a')).toBeNull();
    expect(matchGuardedRoute('POST', '/_ml/trained_models/m/model_aliases/a')).toBeNull();
    expect(matchGuardedRoute('PUT', '/_ml/trained_models/m/deployment/_stop')).toBeNull();
    expect(matchGuardedRoute('GET', '/_ml/trained_models/m')).toBeNull();
    expect(matchGuardedRoute('PUT', '/_ml/trained_models/m')).toBeNull();
    expect(matchGuardedRoute('HEAD', '/_ml/trained_models/m')).toBeNull();
  });

  it('does not match a lower-case method (Netty methods are case-sensitive)', () => {
    expect(matchGuardedRoute('put', '/_ml/trained_models/m/model_aliases/a')).toBeNull();
  });

  it('does not match neighbouring routes', () => {
    expect(matchGuardedRoute('POST', '/_ml/trained_models/m/deployment/_infer')).toBeNull();
    expect(matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases')).toBeNull();
    expect(matchGuardedRoute('PUT', '/_ml/trained_models/m/model_aliases/a/extra')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/_ml/trained_models')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/_ml/anomaly_detectors/job')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/index/_doc/1')).toBeNull();
  });

  it('leaves DELETE on the literal _stats path to ES (the GET-stats node wins there: 405)', () => {
    expect(matchGuardedRoute('DELETE', '/_ml/trained_models/_stats')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/_ml/inference/_stats')).toBeNull();
    // An encoded _stats is not the literal: ES routes it to the delete handler.
    expect(routeOf(matchGuardedRoute('DELETE', '/_ml/trained_models/%5Fstats')).pathParams).toEqual({ model_id: '_stats' });
  });

  it('lets _stats be a model id on the alias routes, where the literal node has no children', () => {
    expect(routeOf(matchGuardedRoute('PUT', '/_ml/trained_models/_stats/model_aliases/a')).pathParams['model_id']).toBe('_stats');
  });
});
