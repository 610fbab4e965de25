import { decideAliasChange } from '../../../src/guard/rules/alias-rules';
import { model, pytorch, reassigning } from './alias-rules-fixtures';

const request = { modelId: 'm2', modelAlias: 'al', reassign: true };

describe('PUT alias steps 11a and 11b: inference config and model type', () => {
  it('refuses a different inference config name', () => {
    const verdict = decideAliasChange(request, reassigning(model('m2', { inferenceConfigName: 'classification' }), model('m1')));
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.rule).toBe('inference_config_mismatch');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toBe(
      'cannot reassign model_alias [al] to model [m2] with inference config type [classification] from model [m1] with type [regression]',
    );
  });

  it('does not compare when either model has no inference config', () => {
    expect(decideAliasChange(request, reassigning(model('m2', { inferenceConfigName: undefined }), model('m1'))).allowed).toBe(true);
    expect(decideAliasChange(request, reassigning(model('m2'), model('m1', { inferenceConfigName: undefined }))).allowed).toBe(true);
  });

  it('refuses a different model type', () => {
    const verdict = decideAliasChange(
      request,
      reassigning(pytorch('m2', { inferenceConfigName: undefined }), model('m1', { inferenceConfigName: undefined })),
    );
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.rule).toBe('model_type_mismatch');
    expect(verdict.rejection.reason).toBe(
      'cannot reassign model_alias [al] to model [m2] with type [pytorch] from model [m1] with type [tree_ensemble]',
    );
  });

  it('prints and compares a missing type as tree_ensemble', () => {
    expect(decideAliasChange(request, reassigning(model('m2', { modelType: '' }), model('m1'))).allowed).toBe(true);
    const verdict = decideAliasChange(request, reassigning(model('m2', { modelType: 'lang_ident' }), model('m1', { modelType: '' })));
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.rejection.reason).toBe(
      'cannot reassign model_alias [al] to model [m2] with type [lang_ident] from model [m1] with type [tree_ensemble]',
    );
  });

  it('checks the inference config before the type', () => {
    const verdict = decideAliasChange(request, reassigning(pytorch('m2'), model('m1')));
    expect(verdict.rule).toBe('inference_config_mismatch');
  });

  it('runs against the same model when the alias is re-asserted with reassign', () => {
    const same = model('m1');
    expect(decideAliasChange({ modelId: 'm1', modelAlias: 'al', reassign: true }, reassigning(same, same))).toEqual({
      allowed: true,
      rule: 'allowed',
    });
  });
});
