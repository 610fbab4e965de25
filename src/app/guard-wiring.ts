/**
 * One guard per guarded route kind, wired to the live metadata reads, the
 * forwarder and the decision log.
 */
import type { Logger } from '../log/logger';
import type { Forwarder } from '../proxy/forwarder';
import type { MetadataClient, CallerHeaders } from '../es/metadata-client';
import type { ProxyMetrics } from '../metrics/proxy-metrics';
import type { Config } from '../config/schema';
import { ClusterIdentityCache } from '../es/cluster-identity';
import { AliasGuard } from '../guard/routes/alias-guard';
import { StopGuard } from '../guard/routes/stop-guard';
import { StartGuard } from '../guard/routes/start-guard';
import { UpdateGuard } from '../guard/routes/update-guard';
import { InferenceDeleteGuard } from '../guard/routes/inference-delete-guard';
import { DeleteAliasGuard, DeleteModelGuard } from '../guard/routes/delete-guards';
import { ClusterReadsFactory } from '../guard/facts/cluster-reads';
import { NO_SERVICE_CREDENTIALS_WARNING, PipelineReferencesReader } from '../guard/facts/pipeline-references-reader';
import type { ExchangeDeps } from '../guard/exchange/guarded-exchange';
import { KeyedLock } from '../guard/exchange/keyed-lock';
import { callerHeaders } from '../guard/facts/caller-credentials';
import { formatWarningHeader } from '../guard/exchange/warning-header';
import type { GuardHandlers } from '../guard/dispatch';

export function createGuardHandlers(deps: {
  settings: Pick<Config, 'GUARD_MODE' | 'STRICT_INPUT_FIELDS' | 'STRICT_CAPACITY' | 'ALLOW_DEPLOYMENT_SHADOWING'>;
  metadata: MetadataClient;
  forwarder: Forwarder;
  serviceCredentials: CallerHeaders | null;
  metrics: ProxyMetrics;
  logger: Logger;
}): GuardHandlers {
  const { settings, metadata, forwarder, serviceCredentials, metrics, logger } = deps;
  const identity = new ClusterIdentityCache(metadata);
  // Once, at start: callers with manage_ml but not read_pipeline will be refused (docs §4.4).
  if (!serviceCredentials) logger.warn({ credentials: 'none' }, NO_SERVICE_CREDENTIALS_WARNING);
  const exchange: ExchangeDeps = {
    forwarder,
    logger,
    mode: settings.GUARD_MODE,
    facts: new ClusterReadsFactory(metadata, new PipelineReferencesReader(metadata, serviceCredentials)),
    onDecision: (decision) => metrics.decision(decision),
    async clusterMajor(req) {
      const cluster = await identity.get(serviceCredentials ?? callerHeaders(req.headers));
      const major = Number(cluster?.version.split('.')[0]);
      return Number.isInteger(major) ? major : undefined;
    },
    async warningHeader(text, req) {
      // Elasticsearch labels its warnings with its version and build hash (docs §5.5).
      const cluster = await identity.get(serviceCredentials ?? callerHeaders(req.headers));
      return formatWarningHeader(text, { version: cluster?.version, hash: cluster?.buildHash ?? 'unknown' });
    },
  };
  // One change of an alias at a time through this proxy, creations and deletions alike.
  const aliasLock = new KeyedLock();
  const shadowing = { ALLOW_DEPLOYMENT_SHADOWING: settings.ALLOW_DEPLOYMENT_SHADOWING ?? false };
  return {
    put_model_alias: new AliasGuard({ ...exchange, strict: settings, shadowing, aliasLock }).handle,
    delete_model_alias: new DeleteAliasGuard({ ...exchange, aliasLock }).handle,
    stop_deployment: new StopGuard(exchange).handle,
    delete_model: new DeleteModelGuard(exchange).handle,
    // The guard's own rules (docs §13).
    start_deployment: new StartGuard({ ...exchange, shadowing }).handle,
    update_deployment: new UpdateGuard({
      ...exchange,
      capacity: settings,
      clusterVersion: async (req) => (await identity.get(serviceCredentials ?? callerHeaders(req.headers)))?.version,
    }).handle,
    delete_inference_endpoint: new InferenceDeleteGuard({ ...exchange, metadata }).handle,
  };
}
