import { decideAliasChange } from '../../../src/guard/rules/alias-rules';
import { deployment, model, pytorch, reassigning } from './alias-rules-fixtures';

const request = { modelId: 'm2', modelAlias: 'al', reassign: true };
const WARNING = 'The input fields for new model [m2] and for old model [m1] differ significantly, model results may change drastically.';

describe('PUT alias step 12: the input-fields warning allows the change', () => {
  it('allows with the warning when the fields differ significantly', () => {
    expect(
      decideAliasChange(request, reassigning(model('m2', { inputFieldNames: ['x'] }), model('m1', { inputFieldNames: ['a'] }))),
    ).toEqual({ allowed: true, rule: 'allowed', warning: WARNING });
  });

  it('allows without a warning when the fields are close', () => {
    expect(
      decideAliasChange(request, reassigning(model('m2', { inputFieldNames: ['a'] }), model('m1', { inputFieldNames: ['a', 'b'] }))),
    ).toEqual({ allowed: true, rule: 'allowed' });
  });

  it('gives no warning for a new alias (no old model)', () => {
    const verdict = decideAliasChange(
      { modelId: 'm2', modelAlias: 'al', reassign: false },
      { aliasTarget: { kind: 'absent' }, newModel: model('m2', { inputFieldNames: ['x'] }), oldModel: null, newDeployments: [], oldDeployments: [] },
    );
    expect(verdict).toEqual({ allowed: true, rule: 'allowed' });
  });

  it('warns only after every refusal rule passed', () => {
    const verdict = decideAliasChange(
      request,
      reassigning(pytorch('m2', { inputFieldNames: ['x'] }), pytorch('m1', { inputFieldNames: ['a'] }), {
        oldDeployments: [deployment('m1', 'started')],
        newDeployments: [deployment('m2', 'fully_allocated')],
      }),
    );
    expect(verdict).toEqual({ allowed: true, rule: 'allowed', warning: WARNING });
  });
});
