/**
 * The admin listener, on its own port because every path of the proxied
 * port belongs to Elasticsearch (`GET /metrics` is a valid index request
 * there). `/healthz`: the process is up. `/metrics`: Prometheus text. `/readyz`: the cluster answered
 * `GET /` recently (with the Elasticsearch product header, or with
 * Elasticsearch's authentication challenge).
 */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import type { CallerHeaders, MetadataClient } from '../es/metadata-client';
import type { ProxyMetrics } from '../metrics/proxy-metrics';
import { closeServer, hostForUrl, listen } from './server-lifecycle';

const PROBE_INTERVAL_MS = 5_000;
/** Ready while the last successful probe is younger than this. */
const READY_WINDOW_MS = 3 * PROBE_INTERVAL_MS;

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
}): Promise<AdminServer> {
  let draining = false;
  let lastClusterAnswerAt = 0;
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
        lastClusterAnswerAt = Date.now();
        lastProblem = '';
      } else {
        lastProblem = `GET / answered ${answer.statusCode}${product ? '' : ' without X-elastic-product'}`;
      }
    } catch (error) {
      lastProblem = (error as Error).message;
    }
  };
  await probe();
  const timer = setInterval(() => void probe(), PROBE_INTERVAL_MS);
  timer.unref();

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
    const ready = Date.now() - lastClusterAnswerAt < READY_WINDOW_MS;
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'not_ready', problem: lastProblem });
  });
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await options.metrics.exposition();
    res.type(contentType).send(body);
  });

  const server = createServer(app);
  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  options.logger.debug({ port }, 'admin listener started');
  return {
    url: `http://${hostForUrl(options.host)}:${port}`,
    markDraining() {
      draining = true;
    },
    async close() {
      clearInterval(timer);
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
