/**
 * Assembles the proxy from its parts and starts listening: the front door
 * (matcher on the raw URL), the forwarder for everything else, the guard app
 * for the recognised routes, and the admin listener on its own port.
 */
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/schema';
import type { Logger } from '../log/logger';
import { createForwarder } from '../proxy/forwarder';
import { createFrontDoor } from '../proxy/front-door';
import { matchGuardedRoute, type RouteMatch } from '../rest/route-matcher';
import { matchSniffRoute, type SniffRoute } from '../sniff/sniff-route';
import { createSniffHandler } from '../sniff/sniff-handler';
import { publicAddressFromListen, publicAddressFromUrl, isWildcardHost } from '../sniff/public-address';
import type { PublicAddress } from '../sniff/publish-address-rewrite';
import { MetadataClient } from '../es/metadata-client';
import { serviceCredentialHeaders } from '../es/service-credentials';
import { createGuardDispatcher } from '../guard/dispatch';
import { createGuardHandlers } from './guard-wiring';
import { listen, hostForUrl } from './server-lifecycle';
import { startAdminServer } from './admin-server';
import { RequestTracker } from './request-tracker';
import { drainServer } from './drain-server';
import type { TlsSettings } from '../config/tls-settings';
import { caFingerprintConnector } from '../es/ca-fingerprint-connector';
import { ProxyMetrics, RouteClass } from '../metrics/proxy-metrics';

export interface RunningProxy {
  /** `http://host:port` of the proxied port. */
  url: string;
  adminUrl: string;
  metrics: ProxyMetrics;
  /**
   * Graceful stop: readiness fails first, the listener stops accepting,
   * in-flight requests get SHUTDOWN_GRACE_MS to finish, idle keep-alive
   * connections are closed, then the upstream pool and clients are closed.
   */
  close(): Promise<void>;
}

export type ProxySettings = Pick<
  Config,
  | 'PROXY_HOST' | 'PROXY_PORT' | 'ADMIN_PORT' | 'UPSTREAM_TIMEOUT_MS' | 'METADATA_TIMEOUT_MS' | 'UPSTREAM_CONNECTIONS'
  | 'ES_API_KEY' | 'ES_USERNAME' | 'ES_PASSWORD'
  | 'GUARD_MODE' | 'STRICT_INPUT_FIELDS' | 'STRICT_CAPACITY' | 'SHUTDOWN_GRACE_MS'
> & Partial<Pick<Config, 'SNIFF_POLICY' | 'PROXY_PUBLIC_URL' | 'READY_PROBE_INTERVAL_MS' | 'ALLOW_DEPLOYMENT_SHADOWING'>> & { ES_URL: string };

export async function startProxy(
  settings: Readonly<ProxySettings>,
  logger: Logger,
  options: { processMetrics?: boolean; tls?: TlsSettings } = {},
): Promise<RunningProxy> {
  const metrics = new ProxyMetrics({ processMetrics: options.processMetrics });
  const upstreamTls = options.tls?.upstream ?? {};
  const forwarder = createForwarder({
    upstreamUrl: settings.ES_URL,
    connections: settings.UPSTREAM_CONNECTIONS,
    upstreamTimeoutMs: settings.UPSTREAM_TIMEOUT_MS,
    connect: upstreamTls.caFingerprint
      ? caFingerprintConnector(upstreamTls.caFingerprint)
      : upstreamTls.ca
        ? { ca: upstreamTls.ca }
        : undefined,
    onUpstreamError: (error, req) => {
      metrics.upstreamError();
      logger.warn({ err: error, method: req.method }, 'upstream request failed');
    },
    onUpstreamRetry: (error, req) => {
      metrics.upstreamRetry();
      logger.debug({ err: error, method: req.method }, 'cluster closed the connection before answering: sent again on a fresh one');
    },
  });
  const metadata = new MetadataClient({
    esUrl: settings.ES_URL,
    timeoutMs: settings.METADATA_TIMEOUT_MS,
    tls: upstreamTls.ca ? { ca: upstreamTls.ca } : undefined,
    caFingerprint: upstreamTls.caFingerprint,
    onRead: (kind, seconds, answered) => metrics.metadataRead(kind, seconds, answered),
  });
  const serviceCredentials = serviceCredentialHeaders(settings);
  const handlers = createGuardHandlers({ settings, metadata, forwarder, serviceCredentials, metrics, logger });
  const guardDispatch = createGuardDispatcher(handlers, (error, req) =>
    logger.error({ err: error, method: req.method }, 'guard failed unexpectedly'),
  );

  // Node-info answers (sniffing, SNIFF_POLICY): with `pass` they are plain passthrough.
  const sniffPolicy = settings.SNIFF_POLICY ?? 'rewrite';
  // Parsed before listening, so a bad PROXY_PUBLIC_URL stops the start; else known once the port is bound.
  let publicAddress: PublicAddress | undefined = settings.PROXY_PUBLIC_URL ? publicAddressFromUrl(settings.PROXY_PUBLIC_URL) : undefined;
  const handleSniff =
    sniffPolicy === 'pass'
      ? undefined
      : createSniffHandler({
          policy: sniffPolicy,
          forwarder,
          publicAddress: () => publicAddress!,
          onRewritten: () => metrics.sniffRewrite(),
          onUntouched: (reason, detail) =>
            logger.warn({ reason, detail }, 'node-info answer relayed with the nodes\' own addresses'),
          onBlocked: (req) => logger.info({ url: req.url }, 'node-info request blocked (SNIFF_POLICY=block)'),
        });
  const server = createFrontDoor<RouteMatch | SniffRoute>({
    // Guarded routes are never GET and sniff routes only GET: at most one of the two matchers looks further than the method.
    matchGuarded: handleSniff ? (method, rawUrl) => matchGuardedRoute(method, rawUrl) ?? matchSniffRoute(method, rawUrl) : matchGuardedRoute,
    handleGuarded: (req, res, match) => (match.kind === 'sniff' ? handleSniff!(req, res) : guardDispatch(req, res, match)),
    forwarder,
    tls: options.tls?.listener,
    onInternalError: (error, req) => logger.error({ err: error, method: req.method }, 'request routing failed'),
  });
  const tracker = new RequestTracker(metrics, logger, classifyRoute);
  tracker.attach(server);
  await listen(server, settings.PROXY_PORT, settings.PROXY_HOST);
  const boundPort = (server.address() as AddressInfo).port;
  if (publicAddress === undefined) {
    publicAddress = publicAddressFromListen(settings.PROXY_HOST, boundPort);
    if (sniffPolicy === 'rewrite' && isWildcardHost(settings.PROXY_HOST)) {
      logger.warn(
        { proxy_host: settings.PROXY_HOST, sniff_address: `${publicAddress.host}:${publicAddress.port}` },
        'PROXY_PUBLIC_URL is not set and the proxy listens on every interface: sniffing clients are sent 127.0.0.1',
      );
    }
  }
  const admin = await startAdminServer({
    host: settings.PROXY_HOST,
    port: settings.ADMIN_PORT,
    metadata,
    serviceCredentials,
    metrics,
    logger,
    probeIntervalMs: settings.READY_PROBE_INTERVAL_MS,
  });

  const scheme = options.tls?.listener ? 'https' : 'http';
  const url = `${scheme}://${hostForUrl(settings.PROXY_HOST)}:${boundPort}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    adminUrl: admin.url,
    metrics,
    close() {
      closing ??= (async () => {
        admin.markDraining();
        tracker.startDraining();
        const { cut } = await drainServer(server, settings.SHUTDOWN_GRACE_MS, () => tracker.inFlightCount);
        if (cut > 0) logger.warn({ cut, grace_ms: settings.SHUTDOWN_GRACE_MS }, 'shutdown grace ran out: connections cut');
        await forwarder.close();
        await metadata.close();
        await admin.close();
      })();
      return closing;
    },
  };
}

/** Route class for metrics: only requests under the guarded prefixes pay for the full matcher. */
function classifyRoute(req: { method?: string; url?: string }): RouteClass {
  const url = req.url ?? '';
  // Refused by the front door before routing (docs §8.3), whatever it would have matched.
  if (url.includes('#')) return 'malformed';
  if (url.startsWith('/_nodes')) return matchSniffRoute(req.method ?? '', url) ? 'sniff' : 'passthrough';
  if (!url.startsWith('/_ml/')) return 'passthrough';
  const match = matchGuardedRoute(req.method ?? '', url);
  return match ? match.kind : 'passthrough';
}
