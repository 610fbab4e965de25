/**
 * End-to-end test kit: a cluster (the sandbox on port 0, or a real cluster
 * when ES_LIVE_URL is set) with the proxy in front of it on port 0, plus
 * official clients for both and helpers to build scenarios through public
 * APIs. Scenarios that need the sandbox's control API are marked so and
 * skipped against a real cluster.
 */
import { Writable } from 'node:stream';
import { Client } from '@elastic/elasticsearch';
import { raw } from './http-client';
import { startSandbox, Sandbox, SandboxOptions } from '../../src/sandbox';
import { startProxy, RunningProxy, ProxySettings } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';
import type { TlsSettings } from '../../src/config/tls-settings';

export const LIVE_URL = process.env.ES_LIVE_URL;
/** `describe` for scenarios that only the sandbox can set up (deployment states, faults). */
export const describeSandboxOnly = LIVE_URL ? describe.skip : describe;
/** `describe` for scenarios that must run against the sandbox and, when ES_LIVE_URL is set, a real cluster. */
export const describeEverywhere = describe;

function liveAuth(): Record<string, string> {
  if (process.env.ES_LIVE_API_KEY) return { authorization: `ApiKey ${process.env.ES_LIVE_API_KEY}` };
  if (process.env.ES_LIVE_USERNAME) {
    const token = Buffer.from(`${process.env.ES_LIVE_USERNAME}:${process.env.ES_LIVE_PASSWORD ?? ''}`).toString('base64');
    return { authorization: `Basic ${token}` };
  }
  return {};
}

export interface Stack {
  esUrl: string;
  proxyUrl: string;
  adminUrl: string;
  /** Official client talking to the proxy. */
  viaProxy: Client;
  /** Official client talking to the cluster directly. */
  direct: Client;
  /** Headers every raw request should carry (credentials for a live cluster). */
  auth: Record<string, string>;
  sandbox?: Sandbox;
  /** Decision lines the proxy logged, parsed. */
  decisions: Array<Record<string, any>>;
  /** Every line the proxy logged, parsed. */
  logs: Array<Record<string, any>>;
  /** The sandbox control API (throws against a real cluster). */
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** Removes what the scenarios created (sandbox: reset; live: the models, aliases and pipelines named `mag-test-*`). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  sandbox?: SandboxOptions;
  /** TLS material for the proxy (see src/config/tls-settings.ts). */
  tls?: TlsSettings;
  /** CA the test clients trust, for https sandboxes and proxies. */
  clientCa?: string;
  /** The proxy's log level (default info). */
  logLevel?: 'info' | 'debug';
  proxy?: Partial<Omit<ProxySettings, 'ES_URL'>>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const sandbox = LIVE_URL ? undefined : await startSandbox({ port: 0, ...options.sandbox });
  const esUrl = LIVE_URL ?? sandbox!.url;
  const logLines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line));
      done();
    },
  });
  const proxy: RunningProxy = await startProxy(
    {
      ES_URL: esUrl,
      PROXY_HOST: '127.0.0.1',
      PROXY_PORT: 0,
      ADMIN_PORT: 0,
      UPSTREAM_TIMEOUT_MS: 0,
      UPSTREAM_CONNECTIONS: 32,
      GUARD_MODE: 'enforce',
      STRICT_INPUT_FIELDS: false,
      STRICT_CAPACITY: false,
      SHUTDOWN_GRACE_MS: 1000,
      // Tests assert what reached the cluster request by request; the readiness probe's own
      // `GET /` every 2 s would land among them. Readiness tests set their own period.
      READY_PROBE_INTERVAL_MS: 600_000,
      ...options.proxy,
      METADATA_TIMEOUT_MS: options.proxy?.METADATA_TIMEOUT_MS ?? 5000,
    },
    createLogger(options.logLevel ?? 'info', sink),
    { tls: options.tls },
  );
  const auth = LIVE_URL ? liveAuth() : {};
  // A 7.x cluster refuses the 8.x client's `compatible-with=8` media types; plain JSON works everywhere.
  const plainJson = options.sandbox?.esVersion?.startsWith('7.') ? { accept: 'application/json', 'content-type': 'application/json' } : {};
  const clientOptions = { headers: { ...auth, ...plainJson }, maxRetries: 0, tls: options.clientCa ? { ca: options.clientCa } : undefined };
  const viaProxy = new Client({ node: proxy.url, ...clientOptions });
  const direct = new Client({ node: esUrl, ...clientOptions });
  const decisions = {
    get list() {
      return logLines.filter((l) => l.decision).map((l) => l.decision);
    },
  };

  return {
    esUrl,
    proxyUrl: proxy.url,
    adminUrl: proxy.adminUrl,
    viaProxy,
    direct,
    auth,
    sandbox,
    get decisions() {
      return decisions.list;
    },
    get logs() {
      return logLines;
    },
    async control(method, path, body) {
      if (!sandbox) throw new Error('the sandbox control API is not available against a real cluster');
      const answer = await raw(sandbox.url, method, path, { headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (answer.status >= 300) throw new Error(`control ${method} ${path} answered ${answer.status}: ${answer.text}`);
      return answer.text ? JSON.parse(answer.text) : undefined;
    },
    async reset() {
      logLines.length = 0;
      if (sandbox) {
        sandbox.reset();
        return;
      }
      await cleanLiveCluster(direct);
    },
    async close() {
      await viaProxy.close();
      await direct.close();
      await proxy.close();
      await sandbox?.close();
    },
  };
}

/** Test objects on a real cluster are all named `mag-test-*`; remove them between scenarios. */
async function cleanLiveCluster(client: Client): Promise<void> {
  const pipelines = await client.ingest.getPipeline({ id: 'mag-test-*' }, { ignore: [404] });
  for (const id of Object.keys(pipelines ?? {})) await client.ingest.deletePipeline({ id });
  const models = await client.ml.getTrainedModels({ model_id: 'mag-test-*', allow_no_match: true });
  for (const model of models.trained_model_configs) {
    await client.ml.deleteTrainedModel({ model_id: model.model_id, force: true });
  }
}

