import { GuardedRoute, matchGuardedRoute, RouteMatch } from '../../src/rest/route-matcher';
import { EsFlatRejection } from '../../src/errors';

function routeOf(match: RouteMatch | null): GuardedRoute {
  if (match === null || match.kind === 'malformed') throw new Error(`expected a guarded route, got ${JSON.stringify(match)}`);
  return match;
}

describe('matchGuardedRoute: the routes of the guard’s own rules (docs §13)', () => {
  it('recognises _start and _update, with the deployment id decoded', () => {
    const start = routeOf(matchGuardedRoute('POST', '/_ml/trained_models/m%2Fx/deployment/_start?deployment_id=foo'));
    expect(start.kind).toBe('start_deployment');
    expect(start.pathParams).toEqual({ model_id: 'm/x' });
    expect(start.query).toEqual(new Map([['deployment_id', 'foo']]));
    const update = routeOf(matchGuardedRoute('POST', '/_ml/trained_models/dep/deployment/_update/'));
    expect(update.kind).toBe('update_deployment');
    expect(update.pathParams).toEqual({ model_id: 'dep' });
  });

  it('recognises both DELETE inference routes', () => {
    const one = routeOf(matchGuardedRoute('DELETE', '/_inference/my-e5?force=true'));
    expect(one).toMatchObject({ kind: 'delete_inference_endpoint', pathParams: { task_type_or_id: 'my-e5' }, pattern: '/_inference/{task_type_or_id}' });
    const two = routeOf(matchGuardedRoute('DELETE', '/_inference/text_embedding/my%2De5'));
    expect(two.pathParams).toEqual({ task_type_or_id: 'text_embedding', inference_id: 'my-e5' });
    expect(two.pattern).toBe('/_inference/{task_type_or_id}/{inference_id}');
  });

  it('compares literal segments raw and case-sensitively', () => {
    expect(matchGuardedRoute('DELETE', '/_Inference/ep')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/%5Finference/ep')).toBeNull();
    expect(matchGuardedRoute('POST', '/_ml/trained_models/m/deployment/_Start')).toBeNull();
    expect(matchGuardedRoute('POST', '/_ml/trained_models/m/deployment/%5Fupdate')).toBeNull();
  });

  it('leaves other methods and neighbouring paths alone', () => {
    expect(matchGuardedRoute('GET', '/_inference/ep')).toBeNull();
    expect(matchGuardedRoute('PUT', '/_inference/text_embedding/ep')).toBeNull();
    expect(matchGuardedRoute('POST', '/_inference/text_embedding/ep')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/_inference')).toBeNull();
    expect(matchGuardedRoute('DELETE', '/_inference/a/b/c')).toBeNull();
    expect(matchGuardedRoute('PUT', '/_ml/trained_models/m/deployment/_start')).toBeNull();
    expect(matchGuardedRoute('GET', '/_ml/trained_models/m/deployment/_update')).toBeNull();
    expect(matchGuardedRoute('POST', '/_ml/trained_models/m/deployment/_infer')).toBeNull();
  });

  it('matches version-dependent literal neighbours anyway (fail safe; the read decides)', () => {
    expect(routeOf(matchGuardedRoute('DELETE', '/_inference/_all')).pathParams).toEqual({ task_type_or_id: '_all' });
    expect(routeOf(matchGuardedRoute('DELETE', '/_inference/ep/_update')).pathParams).toEqual({ task_type_or_id: 'ep', inference_id: '_update' });
  });

  it('takes _stats as a model id on the longer deployment paths', () => {
    expect(routeOf(matchGuardedRoute('POST', '/_ml/trained_models/_stats/deployment/_start')).pathParams).toEqual({ model_id: '_stats' });
  });

  it('answers a malformed escape with the 405 listing the methods registered at the path', () => {
    const match = matchGuardedRoute('DELETE', '/_inference/text_embedding/bad%zz');
    if (match === null || match.kind !== 'malformed') throw new Error('expected malformed');
    expect(match.rejection).toBeInstanceOf(EsFlatRejection);
    expect(match.rejection.statusCode).toBe(405);
    expect(match.rejection.headers).toEqual({ Allow: 'GET,POST,PUT,DELETE' });
    const start = matchGuardedRoute('POST', '/_ml/trained_models/%/deployment/_start');
    if (start === null || start.kind !== 'malformed') throw new Error('expected malformed');
    expect(start.rejection.headers).toEqual({ Allow: 'POST' });
  });
});
