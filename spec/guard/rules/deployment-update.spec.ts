import { decideDeploymentUpdate, DeploymentUpdateFacts, mergeAdaptive } from '../../../src/guard/rules/deployment-update';

const refs = (...ids: string[]): Map<string, string[]> => new Map(ids.map((id) => [id, ['p']]));
const facts = (over: Partial<DeploymentUpdateFacts> = {}): DeploymentUpdateFacts => ({
  deployment: { deploymentId: 'dep', modelId: 'm' },
  modelAliases: ['live'],
  references: refs('live'),
  scalesToZero: true,
  ...over,
});
const strict = { STRICT_CAPACITY: true };

describe('_update of a deployment that serves a referenced alias (docs §13.3)', () => {
  it('names every such update with its own rule, strict or not', () => {
    expect(decideDeploymentUpdate({ deploymentId: 'dep', numberOfAllocations: 2 }, facts(), { STRICT_CAPACITY: false })).toEqual({
      allowed: true,
      rule: 'update.serves_referenced_alias',
    });
    expect(decideDeploymentUpdate({ deploymentId: 'dep', numberOfAllocations: 2 }, facts(), strict).rule).toBe('update.serves_referenced_alias');
  });

  it('with STRICT_CAPACITY refuses adaptive allocations with a minimum of 0', () => {
    const verdict = decideDeploymentUpdate(
      { deploymentId: 'dep', adaptiveAllocations: { enabled: true, minNumberOfAllocations: 0 } },
      facts(),
      strict,
    );
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.rule).toBe('update.strict_capacity_scale_to_zero');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toMatch(/^STRICT_CAPACITY is set on model-alias-guard: cannot update deployment \[dep\] of model \[m\]/);
    expect(verdict.rejection.reason).toContain('model_alias [live]');
  });

  it('with STRICT_CAPACITY refuses turning adaptive allocations on without a minimum', () => {
    expect(decideDeploymentUpdate({ deploymentId: 'dep', adaptiveAllocations: { enabled: true } }, facts(), strict).allowed).toBe(false);
  });

  it('reads the minimum the deployment keeps when the update does not name one', () => {
    const kept = facts({ deployment: { deploymentId: 'dep', modelId: 'm', adaptiveAllocations: { enabled: false, minNumberOfAllocations: 2 } } });
    expect(decideDeploymentUpdate({ deploymentId: 'dep', adaptiveAllocations: { enabled: true } }, kept, strict).allowed).toBe(true);
    // `null` resets the kept minimum.
    expect(
      decideDeploymentUpdate({ deploymentId: 'dep', adaptiveAllocations: { enabled: true, minNumberOfAllocations: null } }, kept, strict).allowed,
    ).toBe(false);
  });

  it('allows a minimum of at least 1, adaptive allocations turned off, and clusters that cannot scale to zero', () => {
    expect(
      decideDeploymentUpdate({ deploymentId: 'dep', adaptiveAllocations: { enabled: true, minNumberOfAllocations: 1 } }, facts(), strict).allowed,
    ).toBe(true);
    expect(decideDeploymentUpdate({ deploymentId: 'dep', adaptiveAllocations: null }, facts(), strict).allowed).toBe(true);
    expect(
      decideDeploymentUpdate(
        { deploymentId: 'dep', adaptiveAllocations: { enabled: true, minNumberOfAllocations: 0 } },
        facts({ scalesToZero: false }),
        strict,
      ).allowed,
    ).toBe(true);
  });

  it('leaves deployments without a referenced alias, and missing ones, alone', () => {
    const zero = { deploymentId: 'dep', adaptiveAllocations: { enabled: true, minNumberOfAllocations: 0 } };
    expect(decideDeploymentUpdate(zero, facts({ references: refs('unrelated') }), strict).rule).toBe('update.not_serving_referenced_alias');
    expect(decideDeploymentUpdate(zero, facts({ deployment: null }), strict).rule).toBe('update.deployment_missing.forward');
  });
});

describe('mergeAdaptive', () => {
  it('keeps absent fields, resets null ones, and turns everything off for a null update', () => {
    expect(mergeAdaptive({ enabled: true, minNumberOfAllocations: 1, maxNumberOfAllocations: 4 }, { maxNumberOfAllocations: null })).toEqual({
      enabled: true,
      minNumberOfAllocations: 1,
    });
    expect(mergeAdaptive({ enabled: true, minNumberOfAllocations: 1 }, null)).toEqual({ enabled: false });
    expect(mergeAdaptive(undefined, { enabled: true, minNumberOfAllocations: 0 })).toEqual({ enabled: true, minNumberOfAllocations: 0 });
  });
});

describe('an _update body the guard cannot read', () => {
  it('is refused under STRICT_CAPACITY for a referenced deployment, and let through otherwise', () => {
    const unreadable = { deploymentId: 'dep', adaptiveAllocations: 'unreadable' as const };
    const verdict = decideDeploymentUpdate(unreadable, facts(), strict);
    expect(verdict.rule).toBe('update.strict_capacity_unreadable');
    expect(verdict.allowed).toBe(false);
    expect(decideDeploymentUpdate(unreadable, facts(), { STRICT_CAPACITY: false }).allowed).toBe(true);
    expect(decideDeploymentUpdate(unreadable, facts({ references: refs() }), strict).allowed).toBe(true);
  });
});
