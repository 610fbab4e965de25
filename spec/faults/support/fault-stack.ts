/**
 * The set-up of a fault test file: the fault relay (in front of a seeded
 * sandbox) and the whole proxy (startProxy, as `npm start` assembles it) in
 * front of the relay, started once in beforeAll and closed in afterAll.
 * METADATA_TIMEOUT_MS is short so that timeouts are quick to reach.
 */
import { startProxy, type ProxySettings, type RunningProxy } from '../../../src/app/start-proxy';
import { createLogger } from '../../../src/log/logger';
import { DEMO } from '../../../src/sandbox/demo-data';
import { raw } from '../../support/http-client';
import { startFaultRelay, type FaultRelay } from './fault-relay';

// Long enough for the sandbox's answers on a loaded two-core machine; the slow faults go well past it.
export const METADATA_TIMEOUT_MS = 2_000;

export interface FaultStack {
  relay(): FaultRelay;
  proxy(): RunningProxy;
}

export function useFaultStack(settings: Partial<Omit<ProxySettings, 'ES_URL'>> = {}): FaultStack {
  let relay: FaultRelay | undefined;
  let proxy: RunningProxy | undefined;
  beforeAll(async () => {
    relay = await startFaultRelay();
    proxy = await startProxy(
      {
        ES_URL: relay.url, PROXY_HOST: '127.0.0.1', PROXY_PORT: 0, ADMIN_PORT: 0, UPSTREAM_TIMEOUT_MS: 0,
        METADATA_TIMEOUT_MS, UPSTREAM_CONNECTIONS: 8, GUARD_MODE: 'enforce', STRICT_INPUT_FIELDS: false,
        STRICT_CAPACITY: false, SHUTDOWN_GRACE_MS: 200, READY_PROBE_INTERVAL_MS: 60_000,
        ...settings,
      },
      createLogger('silent'),
    );
  });
  afterEach(() => relay?.clearFaults());
  afterAll(async () => {
    await proxy?.close();
    await relay?.close();
  });
  return {
    relay: () => started(relay, 'relay'),
    proxy: () => started(proxy, 'proxy'),
  };
}

function started<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`useFaultStack: the ${name} is not started`);
  return value;
}

/** A guarded alias change the rules allow (a new alias on the demo classification model). */
export function allowedAliasPut(alias: string): string {
  return `/_ml/trained_models/${DEMO.classification}/model_aliases/${alias}?reassign=true`;
}

/** PUT alias changes the relay received (the only way one reaches the cluster). */
export function aliasChangesSeen(relay: FaultRelay, alias: string): number {
  return relay.seen.filter((r) => r.method === 'PUT' && r.url.includes(`/model_aliases/${alias}`)).length;
}

/** The proxy still serves: a passthrough GET and an allowed guarded PUT both answer 200. */
export async function expectStillServing(proxyUrl: string, alias: string): Promise<void> {
  const get = await raw(proxyUrl, 'GET', '/');
  expect(get.status).toBe(200);
  const put = await raw(proxyUrl, 'PUT', allowedAliasPut(alias));
  expect(put.status).toBe(200);
  expect(put.json).toEqual({ acknowledged: true });
}

/** The guard's reads (every GET it makes before deciding an alias change goes under `/_ml/` or `/_ingest/`). */
export const GUARD_READ = { method: 'GET', path: '/_ml/trained_models' } as const;

export { DEMO };
