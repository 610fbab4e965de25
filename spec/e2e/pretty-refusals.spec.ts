/**
 * `?pretty` applies to error answers in Elasticsearch (AbstractRestChannel),
 * so a refusal the guard writes with `?pretty` is byte-identical to the
 * cluster's own pretty refusal.
 */
import { startStack, Stack, raw, describeEverywhere } from '../support/stack';
import { putTreeModel, putAlias } from '../support/models';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

describeEverywhere('pretty refusals', () => {
  it('match the cluster byte for byte', async () => {
    await stack.reset();
    await putTreeModel(stack.direct, 'mag-test-reg', 'regression');
    await putTreeModel(stack.direct, 'mag-test-cls', 'classification');
    await putAlias(stack.direct, 'mag-test-reg', 'mag-test-alias');
    const target = '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true&pretty';
    const viaProxy = await raw(stack.proxyUrl, 'PUT', target, { headers: stack.auth });
    const direct = await raw(stack.esUrl, 'PUT', target, { headers: stack.auth });
    expect(viaProxy.status).toBe(400);
    expect(viaProxy.body).toBe(direct.body);
    expect(viaProxy.body).toContain('\n    "root_cause" : [\n      {\n        "type" : "status_exception",');
  });

  it('stay compact without pretty', async () => {
    const viaProxy = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/m/model_aliases/Bad', { headers: stack.auth });
    expect(viaProxy.body.startsWith('{"error":{"root_cause":[{"type":"action_request_validation_exception"')).toBe(true);
  });
});
