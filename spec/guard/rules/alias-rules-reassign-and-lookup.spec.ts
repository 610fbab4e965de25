import { decideAliasChange } from '../../../src/guard/rules/alias-rules';
import { AliasChangeFacts } from '../../../src/guard/facts/facts';
import { model } from './alias-rules-fixtures';

const facts = (overrides: Partial<AliasChangeFacts>): AliasChangeFacts => ({
  aliasTarget: { kind: 'absent' },
  newModel: model('m2'),
  oldModel: null,
  newDeployments: [],
  oldDeployments: [],
  ...overrides,
});

describe('PUT alias steps 9 and 10: reassign, alias collision, missing model', () => {
  it('allows a new alias on an existing model', () => {
    expect(decideAliasChange({ modelId: 'm2', modelAlias: 'al', reassign: false }, facts({}))).toEqual({ allowed: true, rule: 'allowed' });
  });

  it('requires reassign when the alias exists (400 status_exception)', () => {
    const verdict = decideAliasChange(
      { modelId: 'm2', modelAlias: 'al', reassign: false },
      facts({ aliasTarget: { kind: 'alias', modelId: 'm1' }, oldModel: model('m1') }),
    );
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.rule).toBe('reassign_required');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toBe(
      'cannot assign model_alias [al] to model_id [m2] as model_alias already refers to [m1]. ' +
        'Set parameter [reassign] to [true] if model_alias should be reassigned.',
    );
  });

  it('requires reassign even when the alias already names the same model (PUT is not idempotent)', () => {
    const verdict = decideAliasChange(
      { modelId: 'm2', modelAlias: 'al', reassign: false },
      facts({ aliasTarget: { kind: 'alias', modelId: 'm2' }, oldModel: model('m2') }),
    );
    expect(verdict.rule).toBe('reassign_required');
  });

  it('checks reassign before the model lookup: a missing new model still gets the reassign error', () => {
    const verdict = decideAliasChange(
      { modelId: 'nope', modelAlias: 'al', reassign: false },
      facts({ aliasTarget: { kind: 'alias', modelId: 'm1' }, newModel: null, oldModel: null }),
    );
    expect(verdict.rule).toBe('reassign_required');
  });

  it('refuses an alias that is an existing model id (400), before the missing-model check', () => {
    const verdict = decideAliasChange({ modelId: 'nope', modelAlias: 'm1', reassign: true }, facts({ aliasTarget: { kind: 'model_id' }, newModel: null }));
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.rule).toBe('alias_is_model_id');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toBe('model_alias cannot be the same as an existing trained model_id');
  });

  it('refuses a model id that names no model with 404 resource_not_found_exception', () => {
    const verdict = decideAliasChange({ modelId: 'other-alias', modelAlias: 'al', reassign: false }, facts({ newModel: null }));
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.rule).toBe('model_missing');
    expect(verdict.rejection.statusCode).toBe(404);
    expect(verdict.rejection.type).toBe('resource_not_found_exception');
    expect(verdict.rejection.reason).toBe('No known trained model with model_id [other-alias]');
  });

  it('skips the compatibility checks when the alias points at a model that no longer exists', () => {
    const verdict = decideAliasChange(
      { modelId: 'm2', modelAlias: 'al', reassign: true },
      facts({ aliasTarget: { kind: 'alias', modelId: 'gone' }, newModel: model('m2', { inferenceConfigName: 'classification', inputFieldNames: ['z'] }), oldModel: null }),
    );
    expect(verdict).toEqual({ allowed: true, rule: 'allowed' });
  });
});
