/**
 * An alias of the built-in `lang_ident_model_1`: GET by that alias returns
 * the resource model without `metadata.model_aliases` (docs §1.3 quirk). The
 * guard still knows where the alias points, and decides as Elasticsearch.
 */
import { startStack, Stack, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { putTreeModel } from '../support/fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

describeSandboxOnly('alias of a resource model', () => {
  it('is read as an alias: reassign is required, and an allowed move goes through', async () => {
    await stack.reset();
    await putTreeModel(stack.direct, 'mag-test-cls', { shape: 'one-leaf', config: 'classification' });
    expect((await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/lang_ident_model_1/model_aliases/mag-test-lang')).status).toBe(200);
    const lookup = await raw(stack.esUrl, 'GET', '/_ml/trained_models/mag-test-lang');
    expect(lookup.json.trained_model_configs[0].metadata?.model_aliases).toBeUndefined();

    const again = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/lang_ident_model_1/model_aliases/mag-test-lang');
    expect(again.status).toBe(400);
    expect(again.json.error.reason).toMatch(/as model_alias already refers to \[lang_ident_model_1\]/);

    const moved = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-lang?reassign=true');
    const direct = await raw(stack.esUrl, 'PUT', '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-lang?reassign=true');
    expect(moved.status).toBe(direct.status);
    expect(moved.json).toEqual(direct.json);
  });
});
