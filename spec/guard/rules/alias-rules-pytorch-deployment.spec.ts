import { decideAliasChange } from '../../../src/guard/rules/alias-rules';
import { deployment, pytorch, reassigning } from './alias-rules-fixtures';

const request = { modelId: 'm2', modelAlias: 'al', reassign: true };
const NOT_DEPLOYED = 'cannot reassign model_alias [al] to model [m2] from model [m1] as it is not yet deployed';
const NOT_ALLOCATED = 'cannot reassign model_alias [al] to model [m2]  from model [m1] as it is not yet allocated to any nodes';

function verdictFor(oldStates: Parameters<typeof deployment>[1][], newStates: Parameters<typeof deployment>[1][]) {
  return decideAliasChange(
    request,
    reassigning(pytorch('m2'), pytorch('m1'), {
      oldDeployments: oldStates.map((s) => deployment('m1', s)),
      newDeployments: newStates.map((s) => deployment('m2', s)),
    }),
  );
}

describe('PUT alias step 11c: PyTorch deployment state', () => {
  it('puts no constraint when the old model is not deployed', () => {
    expect(verdictFor([], []).allowed).toBe(true);
    expect(verdictFor([], ['starting']).allowed).toBe(true);
  });

  it('refuses a new model that is not deployed while the old one is', () => {
    const verdict = verdictFor(['fully_allocated'], []);
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.rule).toBe('not_deployed');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toBe(NOT_DEPLOYED);
  });

  it('refuses not_deployed even when the old deployments are only starting or stopping', () => {
    expect(verdictFor(['stopping'], []).rule).toBe('not_deployed');
    expect(verdictFor(['starting'], []).rule).toBe('not_deployed');
  });

  it('refuses a starting or stopping new deployment while an old one serves, with two spaces before "from"', () => {
    for (const oldState of ['started', 'fully_allocated'] as const) {
      for (const newState of ['starting', 'stopping'] as const) {
        const verdict = verdictFor([oldState], [newState]);
        if (verdict.allowed) throw new Error(`expected a refusal for ${oldState} → ${newState}`);
        expect(verdict.rule).toBe('not_allocated');
        expect(verdict.rejection.reason).toBe(NOT_ALLOCATED);
      }
    }
  });

  it('checks every new deployment: one starting among started ones refuses', () => {
    expect(verdictFor(['started'], ['fully_allocated', 'starting']).rule).toBe('not_allocated');
  });

  it('allows when every new deployment is allocated', () => {
    expect(verdictFor(['fully_allocated'], ['started']).allowed).toBe(true);
    expect(verdictFor(['started', 'starting'], ['fully_allocated', 'started']).allowed).toBe(true);
  });

  it('puts no allocation constraint when no old deployment serves', () => {
    expect(verdictFor(['starting', 'stopping'], ['starting']).allowed).toBe(true);
  });

  it('applies only to a pytorch new model', () => {
    const verdict = decideAliasChange(
      request,
      reassigning(pytorch('m2', { modelType: 'tree_ensemble' }), pytorch('m1', { modelType: 'tree_ensemble' }), {
        oldDeployments: [deployment('m1', 'fully_allocated')],
      }),
    );
    expect(verdict.allowed).toBe(true);
  });

  it('fails a re-assertion on a model with one started and one starting deployment', () => {
    const same = pytorch('m1');
    const deployments = [deployment('m1', 'started'), deployment('m1', 'starting')];
    const verdict = decideAliasChange(
      { modelId: 'm1', modelAlias: 'al', reassign: true },
      reassigning(same, same, { oldDeployments: deployments, newDeployments: deployments }),
    );
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.rejection.reason).toBe(
      'cannot reassign model_alias [al] to model [m1]  from model [m1] as it is not yet allocated to any nodes',
    );
  });
});
