import { decideStop, StopFacts } from '../../../src/guard/rules/stop-rules';
import { EsRejection } from '../../../src/errors';

const refs = (...ids: string[]): Map<string, string[]> => new Map(ids.map((id) => [id, ['p']]));
const request = { deploymentId: 'dep', force: false, allowNoMatch: true };
const facts = (over: Partial<StopFacts>): StopFacts => ({
  deployment: { deploymentId: 'dep', modelId: 'model' },
  modelAliases: [],
  references: new Map(),
  ...over,
});

function rejectionOf(decision: ReturnType<typeof decideStop>): EsRejection {
  if (decision.allowed) throw new Error(`expected a refusal, got ${decision.rule}`);
  return decision.rejection;
}

describe('decideStop', () => {
  it('refuses when the deployment id is referenced, with the 8.8+ message', () => {
    const rejection = rejectionOf(decideStop(request, facts({ references: refs('dep') })));
    expect(rejection.statusCode).toBe(409);
    expect(rejection.body()).toEqual({
      error: {
        root_cause: [{ type: 'status_exception', reason: 'Cannot stop deployment [dep] as it is referenced by ingest processors; use force to stop the deployment' }],
        type: 'status_exception',
        reason: 'Cannot stop deployment [dep] as it is referenced by ingest processors; use force to stop the deployment',
      },
      status: 409,
    });
  });

  it('refuses when the model id is referenced though the deployment id differs (ES gap), naming the deployment', () => {
    const decision = decideStop(request, facts({ references: refs('model') }));
    expect(decision.rule).toBe('stop.model_id_referenced');
    expect(rejectionOf(decision).reason).toBe(
      'Cannot stop deployment [dep] as it is referenced by ingest processors; use force to stop the deployment',
    );
  });

  it('refuses when an alias of the model is referenced, naming the first referenced alias in sorted order', () => {
    const decision = decideStop(request, facts({ modelAliases: ['zz', 'beta', 'alpha'], references: refs('zz', 'beta') }));
    expect(decision.rule).toBe('stop.model_alias_referenced');
    expect(rejectionOf(decision).reason).toBe(
      'Cannot stop deployment [dep] as it has a model_alias [beta] that is still referenced by ingest processors; use force to stop the deployment',
    );
    expect(rejectionOf(decision).type).toBe('status_exception');
  });

  it('checks the deployment id before the aliases', () => {
    const decision = decideStop(request, facts({ modelAliases: ['a'], references: refs('a', 'dep') }));
    expect(decision.rule).toBe('stop.deployment_id_referenced');
  });

  it('checks the model id before the aliases', () => {
    const decision = decideStop(request, facts({ modelAliases: ['a'], references: refs('a', 'model') }));
    expect(decision.rule).toBe('stop.model_id_referenced');
  });

  it('works when deployment id equals model id (the ES case)', () => {
    const same = { deploymentId: 'm', force: false, allowNoMatch: true };
    const decision = decideStop(same, facts({ deployment: { deploymentId: 'm', modelId: 'm' }, modelAliases: ['al'], references: refs('al') }));
    expect(rejectionOf(decision).reason).toContain('Cannot stop deployment [m] as it has a model_alias [al]');
  });

  it('forwards with force even when referenced', () => {
    expect(decideStop({ ...request, force: true }, facts({ modelAliases: ['a'], references: refs('dep', 'model', 'a') }))).toEqual({
      allowed: true,
      rule: 'stop.force',
    });
  });

  it('forwards a missing deployment, whatever the references and allow_no_match (the cluster answers)', () => {
    for (const allowNoMatch of [true, false]) {
      const decision = decideStop({ ...request, allowNoMatch }, facts({ deployment: null, references: refs('dep') }));
      expect(decision).toEqual({ allowed: true, rule: 'stop.deployment_missing.forward' });
    }
  });

  it('forwards when nothing relevant is referenced', () => {
    const decision = decideStop(request, facts({ modelAliases: ['a'], references: refs('other', 'b') }));
    expect(decision).toEqual({ allowed: true, rule: 'stop.not_referenced' });
  });

  it('ignores references to aliases of other models', () => {
    expect(decideStop(request, facts({ modelAliases: [], references: refs('someone-elses-alias') })).allowed).toBe(true);
  });
});
