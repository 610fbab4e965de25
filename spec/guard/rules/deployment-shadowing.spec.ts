import {
  decideAliasOverDeployment,
  decideDeploymentUnderAlias,
} from '../../../src/guard/rules/deployment-shadowing';

const strict = { ALLOW_DEPLOYMENT_SHADOWING: false };
const lenient = { ALLOW_DEPLOYMENT_SHADOWING: true };

describe('PUT alias over a deployment id (docs §13.1)', () => {
  it('refuses an alias named like a deployment of another model, naming the deployment and its model', () => {
    const verdict = decideAliasOverDeployment({ modelId: 'm2', modelAlias: 'foo' }, { deploymentId: 'foo', modelId: 'm1' }, strict);
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.rule).toBe('shadowing.alias_hides_deployment');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toContain('deployment [foo] of model [m1]');
    expect(verdict.rejection.reason).toContain('model_alias [foo] to model [m2]');
    expect(verdict.rejection.reason).toContain('ALLOW_DEPLOYMENT_SHADOWING=true');
  });

  it('allows it when the deployment serves the model the alias will point at', () => {
    const verdict = decideAliasOverDeployment({ modelId: 'm1', modelAlias: 'foo' }, { deploymentId: 'foo', modelId: 'm1' }, strict);
    expect(verdict).toEqual({ allowed: true, rule: 'shadowing.alias_over_own_deployment' });
  });

  it('allows it when no deployment carries the alias name', () => {
    expect(decideAliasOverDeployment({ modelId: 'm2', modelAlias: 'foo' }, null, strict)).toEqual({
      allowed: true,
      rule: 'shadowing.no_deployment_named_alias',
    });
  });

  it('lets the setting allow it', () => {
    const verdict = decideAliasOverDeployment({ modelId: 'm2', modelAlias: 'foo' }, { deploymentId: 'foo', modelId: 'm1' }, lenient);
    expect(verdict).toEqual({ allowed: true, rule: 'shadowing.allowed_by_setting' });
  });
});

describe('_start with a deployment id that is an alias (docs §13.1)', () => {
  it('refuses a deployment id that is an alias of another model', () => {
    const verdict = decideDeploymentUnderAlias({ modelId: 'm1', deploymentId: 'foo' }, 'm2', strict);
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.rule).toBe('shadowing.deployment_hidden_by_alias');
    expect(verdict.rejection.statusCode).toBe(400);
    expect(verdict.rejection.type).toBe('status_exception');
    expect(verdict.rejection.reason).toMatch(/^cannot start deployment \[foo\] of model \[m1\] as model_alias \[foo\] refers to model \[m2\]/);
  });

  it('leaves an alias of the model being deployed to Elasticsearch, and ids that are no alias', () => {
    expect(decideDeploymentUnderAlias({ modelId: 'm1', deploymentId: 'foo' }, 'm1', strict).allowed).toBe(true);
    expect(decideDeploymentUnderAlias({ modelId: 'm1', deploymentId: 'foo' }, null, strict).allowed).toBe(true);
  });

  it('lets the setting allow it', () => {
    expect(decideDeploymentUnderAlias({ modelId: 'm1', deploymentId: 'foo' }, 'm2', lenient)).toEqual({
      allowed: true,
      rule: 'shadowing.allowed_by_setting',
    });
  });
});
