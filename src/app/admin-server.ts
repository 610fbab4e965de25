/**
 * The admin listener, on its own port because every path of the proxied
 * port belongs to Elasticsearch (`GET /metrics` is a valid index request
 * there). `/healthz`: the process is up. `/metrics`: Prometheus text. `/readyz`: the last probe
 * of the cluster (`GET /` every `probeIntervalMs`) was answered by Elasticsearch (with the
 * product header, a 7.13 tagline, or Elasticsearch's authentication challenge).
 *
 * Readiness follows each probe: the first failed probe makes it 503, the
 * first good one 200 again. A probe still unanswered after one period counts
 * as failed (a hanging cluster is not a ready one); the next probe starts one
 * period after the previous one settled, so probes never pile up.
 */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import type { CallerHeaders, MetadataClient } from '../es/metadata-client';
import type { ProxyMetrics } from '../metrics/proxy-metrics';
import { closeServer, hostForUrl, listen } from './server-lifecycle';

/** Default period of the readiness probe (READY_PROBE_INTERVAL_MS). */
export const DEFAULT_PROBE_INTERVAL_MS = 2_000;

export interface AdminServer {
  url: string;
  /** Readiness fails from now on: the first step of a graceful shutdown. */
  markDraining(): void;
  close(): Promise<void>;
}

export async function startAdminServer(options: {
  host: string;
  port: number;
  metadata: MetadataClient;
  /** The proxy's own credentials for the probe, when it has some. */
  serviceCredentials: CallerHeaders | null;
  metrics: ProxyMetrics;
  logger: Logger;
  /** Milliseconds between readiness probes (default DEFAULT_PROBE_INTERVAL_MS). */
  probeIntervalMs?: number;
}): Promise<AdminServer> {
  const probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  let draining = false;
  let ready = false;
  let lastProblem = 'not probed yet';

  const probe = async () => {
    try {
      const answer = await options.metadata.root('GET /', options.serviceCredentials ?? {});
      const product = answer.headers['x-elastic-product'];
      // Without credentials of its own the proxy gets 401 from a secured
      // cluster: Elasticsearch's own challenge still proves it is up.
      const challenged = answer.statusCode === 401 && answer.headers['www-authenticate'] !== undefined;
      const isElasticsearch = product === 'Elasticsearch' || isPre714Elasticsearch(answer.body);
      if ((answer.statusCode === 200 && isElasticsearch) || challenged) {
        ready = true;
        lastProblem = '';
      } else {
        ready = false;
        lastProblem = `GET / answered ${answer.statusCode}${product ? '' : ' without X-elastic-product'}`;
      }
    } catch (error) {
      ready = false;
      lastProblem = (error as Error).message;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const probeThenSchedule = async (): Promise<void> => {
    const overdue = setTimeout(() => {
      ready = false;
      lastProblem = `GET / not answered within ${probeIntervalMs} ms`;
    }, probeIntervalMs);
    overdue.unref();
    await probe();
    clearTimeout(overdue);
    if (stopped) return;
    timer = setTimeout(() => void probeThenSchedule(), probeIntervalMs);
    timer.unref();
  };
  await probeThenSchedule();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'shutting_down' });
      return;
    }
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'not_ready', problem: lastProblem });
  });
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await options.metrics.exposition();
    res.type(contentType).send(body);
  });

  const server = createServer(app);
  try {
    await listen(server, options.port, options.host, { port: 'ADMIN_PORT', host: 'PROXY_HOST' });
  } catch (error) {
    stopped = true;
    clearTimeout(timer);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  options.logger.debug({ port }, 'admin listener started');
  return {
    url: `http://${hostForUrl(options.host)}:${port}`,
    markDraining() {
      draining = true;
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await closeServer(server);
    },
  };
}

/** 7.13 sends no X-elastic-product (added in 7.14, docs §5.6): its `GET /` body says what it is. */
function isPre714Elasticsearch(body: Buffer): boolean {
  try {
    const root = JSON.parse(body.toString('utf8')) as { tagline?: unknown; version?: { number?: unknown } };
    const [major, minor] = String(root.version?.number ?? '').split('.').map(Number);
    return root.tagline === 'You Know, for Search' && major === 7 && (minor ?? 99) < 14;
  } catch {
    return false;
  }
}
