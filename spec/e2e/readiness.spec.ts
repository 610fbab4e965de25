/**
 * /readyz: ready while the cluster answers GET / as Elasticsearch (product
 * header, or a 7.13 tagline, or Elasticsearch's own 401 challenge), not
 * ready when it does not answer.
 */
import { startStack, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { startUpstreamStub, respondWith } from '../support/upstream-stub';
import { startProxy } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';

async function readyAfterStart(sandboxOptions: Parameters<typeof startStack>[0]) {
  const stack = await startStack(sandboxOptions);
  try {
    return await raw(stack.adminUrl, 'GET', '/readyz');
  } finally {
    await stack.close();
  }
}

describeSandboxOnly('readiness', () => {
  it('is ready in front of 8.15, of 7.13 (no product header) and of a secured cluster', async () => {
    expect((await readyAfterStart({ sandbox: { esVersion: '8.15.0' } })).status).toBe(200);
    expect((await readyAfterStart({ sandbox: { esVersion: '7.13.4' } })).status).toBe(200);
    const secured = { sandbox: { security: { users: [{ username: 'u', password: 'p', roles: ['superuser'] }] } } };
    expect((await readyAfterStart(secured)).status).toBe(200);
  });

  it('is not ready when what answers is not Elasticsearch, or nothing answers', async () => {
    const impostor = await startUpstreamStub({ responder: respondWith(200, ['content-type', 'text/html'], '<html>hello</html>') });
    const settings = {
      PROXY_HOST: '127.0.0.1', PROXY_PORT: 0, ADMIN_PORT: 0, UPSTREAM_TIMEOUT_MS: 0, METADATA_TIMEOUT_MS: 1000,
      UPSTREAM_CONNECTIONS: 4, GUARD_MODE: 'enforce' as const, STRICT_INPUT_FIELDS: false, STRICT_CAPACITY: false, SHUTDOWN_GRACE_MS: 100,
    };
    const proxy = await startProxy({ ...settings, ES_URL: impostor.url }, createLogger('silent'));
    try {
      const answer = await raw(proxy.adminUrl, 'GET', '/readyz');
      expect(answer.status).toBe(503);
      expect(answer.json).toEqual({ status: 'not_ready', problem: 'GET / answered 200 without X-elastic-product' });
    } finally {
      await proxy.close();
      await impostor.close();
    }
    const nobody = await startProxy({ ...settings, ES_URL: impostor.url }, createLogger('silent'));
    try {
      const answer = await raw(nobody.adminUrl, 'GET', '/readyz');
      expect(answer.status).toBe(503);
      expect(answer.json.problem).toMatch(/connection failed/);
    } finally {
      await nobody.close();
    }
  });
});
