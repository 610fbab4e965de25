/**
 * The JS client with sniffOnStart and sniffInterval, pointed at nginx (edge
 * topology, the guard started with PROXY_PUBLIC_URL = nginx's address):
 * nginx sends the node-info requests to the guard, which rewrites every
 * node's publish address to nginx; the client's pool holds only nginx and
 * every request goes through nginx, never to the guard or the node directly.
 */
import { describeSandboxOnly } from '../support/stack';
import { metricSum } from '../support/proxy-metrics';
import { runSniffingClient } from '../e2e/clients/sniffing-scenario';
import { startEdgeStack, type EdgeStack } from './support/edge-stack';
import { describeWithNginx } from './support/nginx';

let stack: EdgeStack;
beforeAll(async () => {
  stack = await startEdgeStack();
});
afterAll(async () => stack?.close());

describeWithNginx('JS client sniffing through the edge', () => {
  describeSandboxOnly('with the guard rewriting node-info answers to nginx', () => {
    it('keeps only nginx in its pool and sends every request through it', async () => {
      const nginxHref = new URL(stack.proxyUrl).href;
      expect(new URL(stack.guardUrl).href).not.toBe(nginxHref);
      expect(new URL(stack.esUrl).href).not.toBe(nginxHref);
      const rewritesBefore = await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total');
      const run = await runSniffingClient(stack);

      expect(run.sniffs[0]).toEqual({ err: null, hosts: [nginxHref], reason: 'sniff-on-start' });
      expect(run.poolAfterStart).toEqual([nginxHref]);
      const intervalSniffs = run.sniffs.filter((s) => s.reason === 'sniff-interval');
      expect(intervalSniffs.length).toBeGreaterThanOrEqual(2);
      for (const sniff of run.sniffs) expect(sniff).toMatchObject({ err: null, hosts: [nginxHref] });
      expect(run.poolAtEnd).toEqual([nginxHref]);
      expect(run.usedConnections).toHaveLength(run.requestsMade);
      expect(new Set(run.usedConnections)).toEqual(new Set([nginxHref]));
      // Every sniff went through the guard (rewritten); the info calls went nginx -> cluster directly.
      expect(await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total')).toBe(rewritesBefore + run.sniffs.length);
      expect(run.clusterSaw).toBeGreaterThanOrEqual(run.requestsMade + intervalSniffs.length);
      expect(run.proxyAnswered).toBeLessThan(run.clusterSaw);
    });
  });
});
