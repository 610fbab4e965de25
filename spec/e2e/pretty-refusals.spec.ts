/**
 * `?pretty` applies to error answers in Elasticsearch (AbstractRestChannel),
 * so a refusal the guard writes with `?pretty` is byte-identical to the
 * cluster's own pretty refusal.
 */
import { describeEverywhere } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { seedTypeMismatch } from '../support/fixtures';

const stack = useStack();

describeEverywhere('pretty refusals', () => {
  it('match the cluster byte for byte', async () => {
    await stack.reset();
    await seedTypeMismatch(stack.direct);
    const target = '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true&pretty';
    const viaProxy = await raw(stack.proxyUrl, 'PUT', target, { headers: stack.auth });
    const direct = await raw(stack.esUrl, 'PUT', target, { headers: stack.auth });
    expect(viaProxy.status).toBe(400);
    expect(viaProxy.text).toBe(direct.text);
    expect(viaProxy.text).toContain('\n    "root_cause" : [\n      {\n        "type" : "status_exception",');
  });

  it('stay compact without pretty', async () => {
    const viaProxy = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/m/model_aliases/Bad', { headers: stack.auth });
    expect(viaProxy.text.startsWith('{"error":{"root_cause":[{"type":"action_request_validation_exception"')).toBe(true);
  });
});
