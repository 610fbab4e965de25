/**
 * Where sniffing clients are sent: PROXY_PUBLIC_URL's host and port when it
 * is set (a default port written out), else the listen address with a
 * wildcard read as 127.0.0.1; the cname form of the cluster's address is kept.
 */
import { startStack, Stack, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';

async function publishAddresses(stack: Stack, path = '/_nodes/_all/http'): Promise<string[]> {
  const answer = await raw(stack.proxyUrl, 'GET', path);
  expect(answer.status).toBe(200);
  return Object.values<any>(answer.json.nodes).map((node) => node.http.publish_address);
}

describeSandboxOnly('the address sniffing clients get', () => {
  it('is PROXY_PUBLIC_URL when set (https without a port: 443)', async () => {
    const stack = await startStack({ proxy: { PROXY_PUBLIC_URL: 'https://es-proxy.example.com' } });
    try {
      expect(await publishAddresses(stack)).toEqual(['es-proxy.example.com:443']);
    } finally {
      await stack.close();
    }
  });

  it('is PROXY_PUBLIC_URL with an IPv6 host in brackets', async () => {
    const stack = await startStack({ proxy: { PROXY_PUBLIC_URL: 'http://[fd00::7]:9999/' } });
    try {
      expect(await publishAddresses(stack)).toEqual(['[fd00::7]:9999']);
    } finally {
      await stack.close();
    }
  });

  it('is 127.0.0.1 and the bound port when the proxy listens on 0.0.0.0 without PROXY_PUBLIC_URL', async () => {
    const stack = await startStack({ proxy: { PROXY_HOST: '0.0.0.0' } });
    try {
      const port = new URL(stack.proxyUrl).port;
      expect(await publishAddresses(stack)).toEqual([`127.0.0.1:${port}`]);
    } finally {
      await stack.close();
    }
  });
});
