/**
 * A sniffing JS client (sniffOnStart + sniffInterval) pointed at the proxy,
 * driven for a while, with what it did recorded from its own diagnostics,
 * what reached the cluster from the sandbox request log, and what the proxy
 * answered from the proxy's metrics. The same scenario shows the client
 * staying on the proxy (SNIFF_POLICY=rewrite) and leaving it (pass).
 */
import { Client } from '@elastic/elasticsearch';
import type { Stack } from '../../support/stack';
import { metricSum } from '../../support/proxy-metrics';
import { clearClusterRequests, clusterRequests } from './support';
import { waitUntil } from '../../support/wait-until';

export interface SniffOutcome {
  err: Error | null;
  hosts: string[];
  reason: string;
}

export interface SniffingRun {
  /** Every sniff the client made, in order. */
  sniffs: SniffOutcome[];
  /** The connection pool right after the first sniff, and at the end. */
  poolAfterStart: string[];
  poolAtEnd: string[];
  /** The connection (URL) each request of the driven phase was sent on. */
  usedConnections: string[];
  /** Requests the cluster received during the driven phase, and requests the proxy answered. */
  clusterSaw: number;
  proxyAnswered: number;
  /** Requests the proxy sent a second time on a fresh connection (stale keep-alive retry). */
  proxyRetried: number;
  requestsMade: number;
}

const SNIFF_INTERVAL_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


export async function runSniffingClient(stack: Stack, requests = 15): Promise<SniffingRun> {
  const sniffs: SniffOutcome[] = [];
  const usedConnections: string[] = [];
  let driving = false;
  const client = new Client({
    node: stack.proxyUrl,
    sniffOnStart: true,
    sniffInterval: SNIFF_INTERVAL_MS,
    maxRetries: 0,
    headers: stack.auth,
  });
  client.diagnostic.on('sniff', (err, result) => {
    const meta = (err as any)?.meta ?? result?.meta;
    sniffs.push({ err: err ?? null, hosts: (meta?.sniff?.hosts ?? []).map((h: { url: URL }) => h.url.href), reason: meta?.sniff?.reason });
  });
  client.diagnostic.on('response', (err, result) => {
    const meta = result?.meta ?? (err as any)?.meta?.meta;
    if (driving && meta?.request?.params?.path === '/') usedConnections.push(meta.connection?.url.href ?? 'none');
  });
  const pool = () => client.connectionPool.connections.map((c) => c.url.href);
  try {
    await waitUntil('the sniff on start', () => sniffs.length >= 1);
    const poolAfterStart = pool();

    await clearClusterRequests(stack);
    const proxyBefore = await metricSum(stack.adminUrl, 'mag_requests_total');
    const retriesBefore = await metricSum(stack.adminUrl, 'mag_upstream_retries_total');
    driving = true;
    let requestsMade = 0;
    for (let i = 0; i < requests; i++) {
      await client.info();
      requestsMade++;
      await sleep(SNIFF_INTERVAL_MS / 2 + 5); // interval sniffs happen in between
    }
    driving = false;
    await waitUntil('the last sniff to finish', () => !client.transport.isSniffing);
    await sleep(50); // the proxy counts an answer when it has written it
    const clusterSaw = (await clusterRequests(stack)).length;
    const proxyAnswered = (await metricSum(stack.adminUrl, 'mag_requests_total')) - proxyBefore;
    // A request the cluster's idle-connection close made the proxy send twice reaches it twice.
    const proxyRetried = (await metricSum(stack.adminUrl, 'mag_upstream_retries_total')) - retriesBefore;
    return { sniffs, poolAfterStart, poolAtEnd: pool(), usedConnections, clusterSaw, proxyAnswered, proxyRetried, requestsMade };
  } finally {
    await client.close();
  }
}
