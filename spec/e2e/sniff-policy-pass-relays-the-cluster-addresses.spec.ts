/**
 * SNIFF_POLICY=pass: node-info answers are relayed untouched (byte for byte,
 * Content-Length included), nothing is counted as rewritten, and a sniffing
 * JS client leaves the proxy for the address the cluster names: the same
 * scenario the rewrite test passes, seen failing without the rewrite.
 */
import { request } from 'undici';
import { startStack, Stack, describeSandboxOnly } from '../support/stack';
import { metricSum } from '../support/proxy-metrics';
import { runSniffingClient } from './clients/sniffing-scenario';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ proxy: { SNIFF_POLICY: 'pass' } });
});
afterAll(async () => stack.close());

describeSandboxOnly('SNIFF_POLICY=pass', () => {
  it('relays node-info answers as the cluster sent them', async () => {
    for (const path of ['/_nodes/_all/http', '/_nodes/http?pretty', '/_nodes']) {
      const direct = await request(`${stack.esUrl}${path}`);
      const viaProxy = await request(`${stack.proxyUrl}${path}`);
      const directBody = await direct.body.text();
      expect(await viaProxy.body.text()).toBe(directBody);
      expect(directBody).toContain(`"${new URL(stack.esUrl).host}"`);
      expect(viaProxy.headers['content-length']).toBe(direct.headers['content-length']);
    }
    expect(await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total')).toBe(0);
  });

  it('lets a sniffing JS client leave the proxy for the cluster', async () => {
    const esHref = new URL(stack.esUrl).href;
    const run = await runSniffingClient(stack, 5);
    expect(run.sniffs[0]).toMatchObject({ err: null, hosts: [esHref] });
    expect(run.poolAtEnd).toEqual([esHref]);
    expect(new Set(run.usedConnections)).toEqual(new Set([esHref]));
    // The cluster saw the client's requests; the proxy did not.
    expect(run.proxyAnswered).toBe(0);
    expect(run.clusterSaw).toBeGreaterThanOrEqual(run.requestsMade);
  });
});
