/**
 * The edge topology under test: the sandbox (or ES_LIVE_URL), the guard as
 * the ordinary proxy (`startProxy`) with PROXY_PUBLIC_URL set to nginx's
 * address, and a real nginx with the generated configuration in front of
 * both. The returned Stack has `proxyUrl` and `viaProxy` on NGINX, so every
 * scenario written for the all-in-one proxy runs through the edge unchanged.
 */
import { Client } from '@elastic/elasticsearch';
import { startStack, type Stack, type StackOptions } from '../../support/stack';
import { freePort, startEdgeNginx, type RunningNginx } from './nginx';

export interface EdgeStack extends Stack {
  /** The guard's own proxied port (nginx's GUARD_URL). */
  guardUrl: string;
  nginx: RunningNginx;
}

export async function startEdgeStack(options: StackOptions = {}): Promise<EdgeStack> {
  const port = await freePort();
  const inner = await startStack({ ...options, proxy: { PROXY_PUBLIC_URL: `http://127.0.0.1:${port}`, ...options.proxy } });
  let nginx: RunningNginx;
  try {
    nginx = await startEdgeNginx({ esUrl: inner.esUrl, guardUrl: inner.proxyUrl, port });
  } catch (error) {
    await inner.close();
    throw error;
  }
  const plainJson = options.sandbox?.esVersion?.startsWith('7.') ? { accept: 'application/json', 'content-type': 'application/json' } : {};
  const viaEdge = new Client({ node: nginx.url, headers: { ...inner.auth, ...plainJson }, maxRetries: 0 });
  return {
    esUrl: inner.esUrl,
    proxyUrl: nginx.url,
    guardUrl: inner.proxyUrl,
    adminUrl: inner.adminUrl,
    viaProxy: viaEdge,
    direct: inner.direct,
    auth: inner.auth,
    sandbox: inner.sandbox,
    nginx,
    get decisions() {
      return inner.decisions;
    },
    get logs() {
      return inner.logs;
    },
    control: (method, path, body) => inner.control(method, path, body),
    reset: () => inner.reset(),
    async close() {
      await viaEdge.close();
      await nginx.stop();
      await inner.close();
    },
  };
}
