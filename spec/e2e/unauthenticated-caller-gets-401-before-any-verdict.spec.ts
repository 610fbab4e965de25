/**
 * Authentication runs before any handler in Elasticsearch (docs §8.4): a
 * caller whose credentials the cluster refuses gets the cluster's 401, never
 * a verdict, not even a REST-layer one. The proof costs one
 * `GET _security/_authenticate`, made only when the guard is about to
 * answer without having read anything with the caller's credentials.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { treeModelBody } from '../support/fixtures';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = { authorization: basic('admin', 'admin-pw') };
const WRONG = { authorization: basic('admin', 'wrong') };

const stack = useStack({ sandbox: { security: { users: [{ username: 'admin', password: 'admin-pw', roles: ['superuser'] }] } } });

async function authenticateReads(): Promise<number> {
  const log = await stack.control('GET', '/_sandbox/requests');
  return (log.requests as Array<{ url: string }>).filter((r) => r.url.startsWith('/_security/_authenticate')).length;
}

describeSandboxOnly('an unauthenticated caller', () => {
  beforeAll(async () => {
    await stack.direct.transport.request({ method: 'PUT', path: '/_ml/trained_models/mag-test-reg', body: treeModelBody({ shape: 'one-leaf', config: 'regression' }) }, { headers: ADMIN });
  });
  beforeEach(async () => stack.control('DELETE', '/_sandbox/requests'));

  it.each([
    ['an invalid alias', 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/Bad-Alias1'],
    ['an unknown parameter', 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias?nope=1'],
    ['a bad boolean', 'POST', '/_ml/trained_models/mag-test-reg/deployment/_stop?force=yes'],
    ['a bad pretty', 'DELETE', '/_ml/trained_models/mag-test-reg?pretty=maybe'],
  ])('gets the cluster 401 for %s, not the 400', async (_what, method, target) => {
    const answer = await raw(stack.proxyUrl, method, target, { headers: WRONG });
    expect(answer.status).toBe(401);
    expect(answer.json.error.type).toBe('security_exception');
    expect(answer.json.error.reason).toMatch(/unable to authenticate user \[admin\]/);
    expect(answer.headers['www-authenticate']).toBeDefined();
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'not_authorized', reads: ['GET _security/_authenticate'] });
  });

  it('gets the 401 without credentials at all', async () => {
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/Bad-Alias1');
    expect(answer.status).toBe(401);
    expect(answer.json.error.reason).toMatch(/missing authentication credentials/);
  });

  it('an authenticated caller still gets the REST-layer 400, after one authenticate read', async () => {
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/Bad-Alias1', { headers: ADMIN });
    expect(answer.status).toBe(400);
    expect(answer.json.error.type).toBe('action_request_validation_exception');
    expect(await authenticateReads()).toBe(1);
  });

  it('costs nothing extra when a read already proved the credentials, nor when the change is forwarded', async () => {
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias?reassign=true', { headers: ADMIN });
    // A rule refusal after reads: the reads proved the credentials.
    const refused = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-alias', { headers: ADMIN });
    expect(refused.status).toBe(400);
    expect(refused.json.error.reason).toMatch(/Set parameter \[reassign\] to \[true\]/);
    expect(await authenticateReads()).toBe(0);
  });
});
