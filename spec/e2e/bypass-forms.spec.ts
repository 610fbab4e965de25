/**
 * Every spelling of the alias route that Elasticsearch routes to the alias
 * handler is guarded (docs §5.1, docs §5.2); spellings Elasticsearch does not route
 * there are forwarded and refused by the cluster itself. Either way, the
 * refused change never takes effect.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { seedTypeMismatch } from '../support/fixtures';

const stack = useStack();
beforeEach(async () => {
  await stack.reset();
  await seedTypeMismatch(stack.direct, { regression: 'mag-test-reg-1', classification: 'mag-test-cls-1', alias: 'mag-test-alias' });
});

const MISMATCH = 'cannot reassign model_alias [mag-test-alias] to model [mag-test-cls-1] with inference config type [classification] from model [mag-test-reg-1] with type [regression]';

async function aliasTarget(): Promise<string> {
  const model = await stack.direct.ml.getTrainedModels({ model_id: 'mag-test-alias' });
  return model.trained_model_configs[0].model_id;
}

describeSandboxOnly('bypass forms of the alias route', () => {
  it.each([
    ['trailing slash', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias/?reassign=true'],
    ['several trailing slashes', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias///?reassign=true'],
    ['percent-encoded ids', '/_ml/trained_models/mag%2Dtest%2Dcls%2D1/model_aliases/mag%2dtest%2dalias?reassign=true'],
    ['empty reassign value', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign'],
    ['reassign=', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign='],
    ['semicolon separator', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?pretty;reassign=true'],
    ['duplicate parameter, last wins', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign=false&reassign=true'],
    ['encoded parameter name', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?re%61ssign=true'],
    ['path parameter overriding the query', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign=true&model_id=mag-test-reg-1'],
  ])('%s is guarded', async (_name, target) => {
    const answer = await raw(stack.proxyUrl, 'PUT', target);
    expect(answer.status).toBe(400);
    expect(answer.json.error.reason).toBe(MISMATCH);
    expect(await aliasTarget()).toBe('mag-test-reg-1');
  });

  it('a raw # (fragment after the query) is refused before routing, the alias untouched (docs §8.3)', async () => {
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign=true#x');
    expect(answer.status).toBe(400);
    expect(answer.json.error.type).toBe('illegal_argument_exception');
    expect(answer.json.error.reason).toContain("contains a raw '#'");
    expect(await aliasTarget()).toBe('mag-test-reg-1');
  });

  it.each([
    ['upper-case literal', '/_ml/trained_models/mag-test-cls-1/Model_Aliases/mag-test-alias?reassign=true'],
    ['encoded literal', '/_ml/trained_models/mag-test-cls-1/model%5Faliases/mag-test-alias?reassign=true'],
    ['doubled leading slash', '//_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign=true'],
    ['POST instead of PUT', '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias?reassign=true'],
  ])('%s is not the alias route: the cluster refuses it and the alias stays', async (name, target) => {
    const method = name.startsWith('POST') ? 'POST' : 'PUT';
    const viaProxy = await raw(stack.proxyUrl, method, target);
    const direct = await raw(stack.esUrl, method, target);
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.text).toBe(direct.text);
    expect(viaProxy.status).toBeGreaterThanOrEqual(400);
    expect(await aliasTarget()).toBe('mag-test-reg-1');
  });

  it('answers a malformed escape in a guarded segment itself, as Elasticsearch does', async () => {
    const target = '/_ml/trained_models/mag-test-cls-1/model_aliases/mag-test-alias%zz?reassign=true';
    const viaProxy = await raw(stack.proxyUrl, 'PUT', target);
    const direct = await raw(stack.esUrl, 'PUT', target);
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.json).toEqual(direct.json);
    expect(await aliasTarget()).toBe('mag-test-reg-1');
  });
});
