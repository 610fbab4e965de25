/**
 * The guard reads with the caller's own credentials: a caller the cluster
 * refuses gets the cluster's refusal as it is (401/403), never a verdict or
 * any metadata; an authorised caller's reads carry its Authorization.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { treeModelBody } from '../support/fixtures';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = basic('admin', 'admin-pw');
const ML_ADMIN = basic('ml-admin', 'ml-pw');
const PIPELINES_ONLY = basic('pipelines', 'p-pw');

const stack = useStack({
  sandbox: {
    security: {
      users: [
        { username: 'admin', password: 'admin-pw', roles: ['superuser'] },
        { username: 'ml-admin', password: 'ml-pw', roles: ['manage_ml'] },
        { username: 'pipelines', password: 'p-pw', roles: ['read_pipeline'] },
      ],
    },
  },
});

const CHANGE = '/_ml/trained_models/mag-test-reg-2/model_aliases/mag-test-alias?reassign=true';

describeSandboxOnly('reads carry the caller credentials', () => {
  beforeAll(async () => {
    const admin = { headers: { authorization: ADMIN } };
    await stack.direct.transport.request(
      { method: 'PUT', path: '/_ml/trained_models/mag-test-reg-1', body: treeModelBody({ shape: 'one-leaf', config: 'regression' }) },
      admin,
    );
    await stack.direct.transport.request(
      { method: 'PUT', path: '/_ml/trained_models/mag-test-reg-2', body: treeModelBody({ shape: 'one-leaf', config: 'classification' }) },
      admin,
    );
    await stack.direct.transport.request({ method: 'PUT', path: '/_ml/trained_models/mag-test-reg-1/model_aliases/mag-test-alias' }, admin);
  });

  it('relays the cluster 401 verbatim to a caller without credentials', async () => {
    const viaProxy = await raw(stack.proxyUrl, 'PUT', CHANGE);
    const direct = await raw(stack.esUrl, 'GET', '/_ml/trained_models/mag-test-alias');
    expect(viaProxy.status).toBe(401);
    expect(viaProxy.text).toBe(direct.text);
    expect(viaProxy.headers['www-authenticate']).toEqual(direct.headers['www-authenticate']);
    expect(viaProxy.text).not.toMatch(/inference config type/);
  });

  it('relays the cluster 403 to a caller who may not read models, without revealing the verdict', async () => {
    const viaProxy = await raw(stack.proxyUrl, 'PUT', CHANGE, { headers: { authorization: PIPELINES_ONLY } });
    expect(viaProxy.status).toBe(403);
    expect(viaProxy.json.error.type).toBe('security_exception');
    expect(viaProxy.text).toMatch(/is unauthorized for user \[pipelines\]/);
    expect(viaProxy.text).not.toMatch(/mag-test-reg-1|inference config/);
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'not_authorized' });
  });

  it('decides with an authorised caller, whose reads carry its own Authorization', async () => {
    await stack.control('DELETE', '/_sandbox/requests');
    const answer = await raw(stack.proxyUrl, 'PUT', CHANGE, { headers: { authorization: ML_ADMIN } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.reason).toMatch(/with inference config type \[classification\] from model \[mag-test-reg-1\]/);
    const log = await stack.control('GET', '/_sandbox/requests?method=GET');
    const reads = log.requests as Array<{ url: string; headers: Record<string, string> }>;
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) expect(read.headers.authorization).toBe(ML_ADMIN);
  });

  it('never logs the credentials', async () => {
    await raw(stack.proxyUrl, 'PUT', CHANGE, { headers: { authorization: ML_ADMIN } });
    expect(JSON.stringify(stack.decisions)).not.toContain(ML_ADMIN.split(' ')[1]);
  });
});

