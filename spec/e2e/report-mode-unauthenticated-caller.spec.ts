/**
 * Report mode tells a caller whose credentials the cluster refuses nothing:
 * the request is forwarded (report mode never blocks), the cluster's 401 is
 * relayed, and no `Warning` (a verdict, with the cluster's version and build
 * hash) is added to it (docs §8.4).
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { treeModelBody } from '../support/fixtures';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = { authorization: basic('admin', 'admin-pw') };

const stack = useStack({
  sandbox: { security: { users: [{ username: 'admin', password: 'admin-pw', roles: ['superuser'] }] } },
  proxy: { GUARD_MODE: 'report' },
});

describeSandboxOnly('report mode and an unauthenticated caller', () => {
  beforeAll(async () => {
    await stack.direct.transport.request({ method: 'PUT', path: '/_ml/trained_models/mag-test-reg', body: treeModelBody({ shape: 'one-leaf', config: 'regression' }) }, { headers: ADMIN });
  });

  it('relays the 401 of an invalid alias change without a Warning', async () => {
    // Invalid (alias equals the model id): the guard would refuse it before any read.
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-reg', {
      headers: { authorization: basic('admin', 'wrong') },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.warning).toBeUndefined();
    expect(answer.text).not.toMatch(/model-alias-guard|Validation Failed/);
  });

  it('relays the 401 of a change whose reads the cluster refused, without a Warning', async () => {
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias');
    expect(answer.status).toBe(401);
    expect(answer.headers.warning).toBeUndefined();
    expect(JSON.stringify(answer.headers)).not.toMatch(/Elasticsearch-\d/);
  });

  it('still adds the Warning for an authenticated caller', async () => {
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-reg', { headers: ADMIN });
    expect(answer.status).toBe(400);
    expect(answer.headers.warning).toMatch(/model-alias-guard would have refused this request \(action_request_validation_exception\)/);
  });
});
