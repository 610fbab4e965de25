/**
 * SNIFF_POLICY=block: the proxy answers node-info requests with the http
 * section itself, 403 with a body naming the policy; the cluster never sees
 * them. Other requests, other `_nodes` APIs and HEAD still pass. A JS client
 * with sniffOnStart and sniffInterval takes the failed sniff as non-fatal:
 * its pool stays on the proxy and its requests keep working.
 */
import { Client } from '@elastic/elasticsearch';
import { startStack, Stack, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { clearClusterRequests, clusterRequests } from './clients/support';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ proxy: { SNIFF_POLICY: 'block' } });
});
afterAll(async () => stack.close());

describeSandboxOnly('SNIFF_POLICY=block', () => {
  it.each(['/_nodes/_all/http', '/_nodes/http', '/_nodes', '/_nodes/_local'])('%s: 403 from the proxy, the cluster not asked', async (path) => {
    await clearClusterRequests(stack);
    const answer = await raw(stack.proxyUrl, 'GET', path, { headers: { 'x-opaque-id': 'sniff-1' } });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({
      error: {
        root_cause: [{ type: 'model_alias_guard_sniff_blocked_exception', reason: expect.stringContaining('SNIFF_POLICY=block') }],
        type: 'model_alias_guard_sniff_blocked_exception',
        reason: expect.stringContaining('SNIFF_POLICY=block'),
      },
      status: 403,
    });
    expect(answer.headers['x-opaque-id']).toBe('sniff-1');
    expect(answer.text).not.toContain(new URL(stack.esUrl).host);
    expect(await clusterRequests(stack)).toEqual([]);
  });

  it('passes what is not node info with http: other metrics, HEAD, the root', async () => {
    await clearClusterRequests(stack);
    expect((await raw(stack.proxyUrl, 'GET', '/_nodes/jvm')).status).toBe(200);
    expect((await raw(stack.proxyUrl, 'HEAD', '/')).status).toBe(200);
    expect((await raw(stack.proxyUrl, 'GET', '/')).status).toBe(200);
    expect((await clusterRequests(stack)).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /_nodes/jvm', 'HEAD /', 'GET /']);
  });

  it('a sniffing JS client reports the failed sniff and stays on the proxy', async () => {
    const sniffs: Array<{ err: any; reason: string }> = [];
    const client = new Client({ node: stack.proxyUrl, sniffOnStart: true, sniffInterval: 50, maxRetries: 0 });
    client.diagnostic.on('sniff', (err, result) => sniffs.push({ err, reason: ((err as any)?.meta ?? result?.meta)?.sniff?.reason }));
    try {
      const deadline = Date.now() + 5_000;
      while (sniffs.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sniffs[0]?.err?.meta?.statusCode).toBe(403);
      for (let i = 0; i < 4; i++) {
        const info = await client.info();
        expect(info.tagline).toBe('You Know, for Search');
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      expect(sniffs.filter((s) => s.reason === 'sniff-interval').length).toBeGreaterThanOrEqual(1);
      expect(sniffs.every((s) => s.err?.meta?.statusCode === 403)).toBe(true);
      expect(client.connectionPool.connections.map((c) => c.url.href)).toEqual([new URL(stack.proxyUrl).href]);
    } finally {
      await client.close();
    }
  });
});
