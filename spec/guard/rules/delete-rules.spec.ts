import { decideDeleteAlias, decideDeleteModel, parseDeleteModelForce } from '../../../src/guard/rules/delete-rules';
import { EsRejection } from '../../../src/errors';

const refs = (...ids: string[]): Map<string, string[]> => new Map(ids.map((id) => [id, ['p']]));

function reasonOf(decision: { allowed: boolean; rule: string; rejection?: EsRejection }): string {
  if (decision.allowed || decision.rejection === undefined) throw new Error(`expected a refusal, got ${decision.rule}`);
  expect(decision.rejection.statusCode).toBe(409);
  expect(decision.rejection.type).toBe('status_exception');
  return decision.rejection.reason;
}

describe('decideDeleteAlias', () => {
  const request = { modelId: 'm1', modelAlias: 'al' };

  it('refuses with 409 when the alias exists, points at model_id and is referenced', () => {
    expect(reasonOf(decideDeleteAlias(request, { aliasTarget: 'm1', references: refs('al') }))).toBe(
      'Cannot delete model_alias [al] as it is still referenced by ingest processors',
    );
  });

  it('forwards an unknown alias even when referenced, so the cluster answers its 404 first', () => {
    expect(decideDeleteAlias(request, { aliasTarget: null, references: refs('al') })).toEqual({
      allowed: true,
      rule: 'delete_alias.alias_missing.forward',
    });
  });

  it('forwards an alias of another model even when referenced, so the cluster answers its 409 "does not refer" first', () => {
    expect(decideDeleteAlias(request, { aliasTarget: 'm2', references: refs('al') })).toEqual({
      allowed: true,
      rule: 'delete_alias.other_model.forward',
    });
  });

  it('forwards an unreferenced alias, even when its model is referenced', () => {
    expect(decideDeleteAlias(request, { aliasTarget: 'm1', references: refs('m1') }).allowed).toBe(true);
  });
});

describe('decideDeleteModel', () => {
  const request = { modelId: 'm1', force: false };

  it('step 1: refuses when the model id is referenced', () => {
    expect(reasonOf(decideDeleteModel(request, { modelAliases: ['a'], deployed: true, references: refs('m1', 'a') }))).toBe(
      'Cannot delete model [m1] as it is still referenced by ingest processors; use force to delete the model',
    );
  });

  it('step 2: refuses when an alias is referenced, naming the first in sorted order', () => {
    expect(reasonOf(decideDeleteModel(request, { modelAliases: ['zed', 'bee'], deployed: true, references: refs('zed', 'bee') }))).toBe(
      'Cannot delete model [m1] as it has a model_alias [bee] that is still referenced by ingest processors; use force to delete the model',
    );
  });

  it('step 3: refuses when deployed and not referenced', () => {
    expect(reasonOf(decideDeleteModel(request, { modelAliases: ['a'], deployed: true, references: refs('x') }))).toBe(
      'Cannot delete model [m1] as it is currently deployed; use force to delete the model',
    );
  });

  it('forwards when not referenced and not deployed', () => {
    expect(decideDeleteModel(request, { modelAliases: ['a'], deployed: false, references: refs('x') })).toEqual({
      allowed: true,
      rule: 'delete_model.not_referenced',
    });
  });

  it('forwards with force whatever the facts', () => {
    expect(decideDeleteModel({ ...request, force: true }, { modelAliases: ['a'], deployed: true, references: refs('m1', 'a') })).toEqual({
      allowed: true,
      rule: 'delete_model.force',
    });
  });

  it('refuses a referenced literal id that is an alias, as ES does (no alias resolution in DELETE model)', () => {
    expect(reasonOf(decideDeleteModel({ modelId: 'al', force: false }, { modelAliases: [], deployed: false, references: refs('al') }))).toBe(
      'Cannot delete model [al] as it is still referenced by ingest processors; use force to delete the model',
    );
  });
});

describe('parseDeleteModelForce (paramAsBoolean)', () => {
  it.each([
    [undefined, false],
    ['', true],
    ['true', true],
    ['false', false],
    [' ', false],
  ])('force=%p → %p', (raw, expected) => {
    const query = new Map<string, string>(raw === undefined ? [] : [['force', raw]]);
    expect(parseDeleteModelForce(query)).toBe(expected);
  });

  it.each(['TRUE', '1', 'yes', 'on', ' true'])('force=%p → 400', (raw) => {
    const result = parseDeleteModelForce(new Map([['force', raw]]));
    expect(result).toBeInstanceOf(EsRejection);
    const rejection = result as EsRejection;
    expect(rejection.statusCode).toBe(400);
    expect(rejection.type).toBe('illegal_argument_exception');
    expect(rejection.reason).toBe(`Failed to parse value [${raw}] as only [true] or [false] are allowed.`);
  });
});
