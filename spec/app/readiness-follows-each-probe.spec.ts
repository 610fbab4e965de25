/**
 * /readyz follows the cluster probe by probe: the first failed probe (an
 * error answer, a probe left unanswered for a period) turns it 503, the first
 * good one 200 again; not a window of several periods.
 */
import { startProxy, type RunningProxy } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';
import { raw } from '../support/http-client';
import { delay, respondJson, respondNever, startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';

const PROBE_MS = 300;
const ES_ROOT = { name: 'n', cluster_name: 'c', version: { number: '8.15.0' }, tagline: 'You Know, for Search' };

async function readyStatus(proxy: RunningProxy): Promise<number> {
  return (await raw(proxy.adminUrl, 'GET', '/readyz')).status;
}

/** Polls /readyz until it answers `status`; the elapsed milliseconds, or Infinity after `limitMs`. */
async function msUntil(proxy: RunningProxy, status: number, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if ((await readyStatus(proxy)) === status) return Date.now() - started;
    await delay(20);
  }
  return Infinity;
}

let stub: UpstreamStub;
let proxy: RunningProxy;
beforeAll(async () => {
  stub = await startUpstreamStub({ responder: respondJson(200, ES_ROOT) });
  proxy = await startProxy(
    {
      ES_URL: stub.url, PROXY_HOST: '127.0.0.1', PROXY_PORT: 0, ADMIN_PORT: 0, UPSTREAM_TIMEOUT_MS: 0, METADATA_TIMEOUT_MS: 1000,
      UPSTREAM_CONNECTIONS: 4, GUARD_MODE: 'enforce', STRICT_INPUT_FIELDS: false, STRICT_CAPACITY: false, SHUTDOWN_GRACE_MS: 100,
      READY_PROBE_INTERVAL_MS: PROBE_MS,
    },
    createLogger('silent'),
  );
});
afterAll(async () => {
  await proxy.close();
  await stub.close();
});

it('turns 503 at the first failed probe and 200 at the first good one', async () => {
  expect(await readyStatus(proxy)).toBe(200);
  stub.respond(respondJson(500, { error: 'boom' }));
  // One period until the next probe, plus slack for a loaded machine; the old window was 15 s.
  expect(await msUntil(proxy, 503, 8 * PROBE_MS)).toBeLessThan(3 * PROBE_MS + 300);
  expect((await raw(proxy.adminUrl, 'GET', '/readyz')).json).toEqual({ status: 'not_ready', problem: 'GET / answered 500' });
  stub.respond(respondJson(200, ES_ROOT));
  expect(await msUntil(proxy, 200, 8 * PROBE_MS)).toBeLessThan(3 * PROBE_MS + 300);
});

it('counts a probe the cluster leaves unanswered for a period as failed', async () => {
  expect(await msUntil(proxy, 200, 8 * PROBE_MS)).toBeLessThan(Infinity);
  stub.respond(respondNever());
  // The next probe starts within a period and counts as failed one period later.
  expect(await msUntil(proxy, 503, 10 * PROBE_MS)).toBeLessThan(4 * PROBE_MS + 300);
  // Until the read's own METADATA_TIMEOUT_MS ends it, the problem says the probe is overdue.
  expect((await raw(proxy.adminUrl, 'GET', '/readyz')).json.problem).toMatch(new RegExp(`GET / not answered within ${PROBE_MS} ms|timeout|timed out`, 'i'));
  stub.respond(respondJson(200, ES_ROOT));
});
