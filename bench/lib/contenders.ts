/**
 * The forwarders compared in the passthrough and latency sections, each in its
 * own process, all in front of the one upstream stub.
 */
import { existsSync } from 'node:fs';
import { forkGuardProxy, forkServer, NGINX_BINARY, startNginx, type RunningServer } from './processes';
import { startEdge } from './edge-contender';

export const REFERENCE = 'undici reference';
export const PASSTHROUGH = 'passthrough (whole proxy)';
export const DIRECT = 'direct to stub';

export interface Contender {
  name: string;
  url: string;
  /** The proxy process, for CPU sampling; absent for direct access. */
  server?: RunningServer;
}

/** Direct access, the product's passthrough, the undici reference, http-proxy-middleware and (when installed) nginx and the edge. */
export async function startContenders(upstream: RunningServer): Promise<{ contenders: Contender[]; servers: RunningServer[] }> {
  const servers: RunningServer[] = [];
  try {
    servers.push(await forkGuardProxy(PASSTHROUGH, upstream.url));
    servers.push(await forkServer(REFERENCE, 'reference-undici-proxy.js', [upstream.url]));
    servers.push(await forkServer('http-proxy-middleware', 'hpm-proxy.js', [upstream.url]));
    if (existsSync(NGINX_BINARY)) {
      servers.push(await startNginx(upstream.url));
      // The edge topology: nginx with the generated configuration, the guard beside it (src/edge/).
      servers.push(await startEdge(upstream.url));
    }
    else console.log(`(${NGINX_BINARY} not found: nginx not measured)`);
  } catch (err) {
    await Promise.all(servers.map((server) => server.stop()));
    throw err;
  }
  const contenders: Contender[] = [{ name: DIRECT, url: upstream.url }, ...servers.map((server) => ({ name: server.name, url: server.url, server }))];
  return { contenders, servers };
}

/** Contender order shifted by one each round, so none is always measured first or last. */
export function rotated<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
