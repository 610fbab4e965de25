/**
 * Identity headers: X-Opaque-Id is echoed on every answer the proxy writes
 * itself and is the log correlation id; traceparent, x-elastic-client-meta
 * and x-elastic-product-origin reach the cluster untouched; HEAD answers the
 * proxy writes have no body.
 */
import * as net from 'node:net';
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { startProxy } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';
import { seedTypeMismatch } from '../support/fixtures';

const stack = useStack({ logLevel: 'debug' });
beforeAll(async () => seedTypeMismatch(stack.direct));

const REFUSED = '/_ml/trained_models/mag-test-cls/model_aliases/mag-test-alias?reassign=true';

describeSandboxOnly('identity headers', () => {
  it('echoes X-Opaque-Id on a refusal and on a fail-closed 503, and logs it as the correlation id', async () => {
    const refused = await raw(stack.proxyUrl, 'PUT', REFUSED, { headers: { 'x-opaque-id': 'op-1' } });
    expect(refused.status).toBe(400);
    expect(refused.headers['x-opaque-id']).toBe('op-1');
    await stack.control('POST', '/_sandbox/faults', { method: 'GET', path: '/_ml/trained_models/mag-test-alias', status: 500 });
    const failed = await raw(stack.proxyUrl, 'PUT', REFUSED, { headers: { 'x-opaque-id': 'op-2' } });
    expect(failed.status).toBe(503);
    expect(failed.headers['x-opaque-id']).toBe('op-2');
    const correlated = stack.logs.filter((l) => l.opaque_id === 'op-2').map((l) => l.msg);
    expect(correlated).toEqual(expect.arrayContaining(['access', expect.stringMatching(/failed_closed/)]));
  });

  it('echoes X-Opaque-Id on the 400 for a non-origin target, and a HEAD gets no body', async () => {
    const answer = await rawSocket(stack.proxyUrl, 'HEAD http://elsewhere/ HTTP/1.1\r\nHost: x\r\nX-Opaque-Id: op-3\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.toLowerCase()).toContain('x-opaque-id: op-3');
    expect(answer.split('\r\n\r\n')[1]).toBe('');
  });

  it('forwards tracing and client identity headers untouched', async () => {
    await stack.control('DELETE', '/_sandbox/requests');
    const headers = {
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'x-elastic-client-meta': 'es=8.19.2,js=20.20.2,t=8.11.0,hc=20.20.2',
      'x-elastic-product-origin': 'kibana',
    };
    await raw(stack.proxyUrl, 'GET', '/_cluster/health', { headers });
    await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-reg/model_aliases/mag-test-other', { headers });
    const log = await stack.control('GET', '/_sandbox/requests');
    const forwarded = (log.requests as Array<{ method: string; url: string; headers: Record<string, string> }>).filter(
      (r) => r.url === '/_cluster/health' || r.method === 'PUT',
    );
    expect(forwarded).toHaveLength(2);
    for (const request of forwarded) expect(request.headers).toMatchObject(headers);
  });
});

describe('X-Opaque-Id on the 502 of an unreachable cluster', () => {
  it('is echoed', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const proxy = await startProxy(
      {
        ES_URL: `http://127.0.0.1:${closedPort}`, PROXY_HOST: '127.0.0.1', PROXY_PORT: 0, ADMIN_PORT: 0, UPSTREAM_TIMEOUT_MS: 0,
        METADATA_TIMEOUT_MS: 1000, UPSTREAM_CONNECTIONS: 4, GUARD_MODE: 'enforce', STRICT_INPUT_FIELDS: false,
        STRICT_CAPACITY: false, SHUTDOWN_GRACE_MS: 100,
      },
      createLogger('silent'),
    );
    try {
      const answer = await raw(proxy.url, 'GET', '/', { headers: { 'x-opaque-id': 'op-4' } });
      expect(answer.status).toBe(502);
      expect(answer.headers['x-opaque-id']).toBe('op-4');
    } finally {
      await proxy.close();
    }
  });
});

function rawSocket(baseUrl: string, request: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}
