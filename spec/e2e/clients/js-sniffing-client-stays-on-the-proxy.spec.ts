/**
 * The JS client with sniffOnStart and sniffInterval, pointed at the proxy in
 * front of the sandbox (whose `_nodes/http` names the sandbox's own address):
 * every sniff succeeds and yields only the proxy's address, the connection
 * pool holds only the proxy, and every later request goes through the proxy
 * (the cluster received exactly the requests the proxy answered).
 * `sniff-policy-pass-relays-the-cluster-addresses.spec.ts` runs the same
 * scenario without the rewrite and sees the client leave the proxy.
 */
import { startStack, Stack, describeSandboxOnly } from '../../support/stack';
import { metricSum } from '../../support/proxy-metrics';
import { runSniffingClient } from './sniffing-scenario';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

describeSandboxOnly('JS client sniffing through the proxy (SNIFF_POLICY=rewrite)', () => {
  it('keeps only the proxy in its pool, and sends every request through it', async () => {
    const proxyHref = new URL(stack.proxyUrl).href;
    const rewritesBefore = await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total');
    const run = await runSniffingClient(stack);

    // The cluster's own answer names the sandbox, not the proxy.
    expect(new URL(stack.esUrl).href).not.toBe(proxyHref);
    expect(run.sniffs[0]).toEqual({ err: null, hosts: [proxyHref], reason: 'sniff-on-start' });
    expect(run.poolAfterStart).toEqual([proxyHref]);

    const intervalSniffs = run.sniffs.filter((s) => s.reason === 'sniff-interval');
    expect(intervalSniffs.length).toBeGreaterThanOrEqual(2);
    for (const sniff of run.sniffs) expect(sniff).toMatchObject({ err: null, hosts: [proxyHref] });
    expect(run.poolAtEnd).toEqual([proxyHref]);

    expect(run.usedConnections).toHaveLength(run.requestsMade);
    expect(new Set(run.usedConnections)).toEqual(new Set([proxyHref]));
    // Every request (info calls and interval sniffs) that reached the cluster came through the proxy.
    expect(run.clusterSaw).toBe(run.proxyAnswered + run.proxyRetried);
    expect(run.clusterSaw).toBeGreaterThanOrEqual(run.requestsMade + intervalSniffs.length);
    expect(await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total')).toBe(rewritesBefore + run.sniffs.length);
  });
});
