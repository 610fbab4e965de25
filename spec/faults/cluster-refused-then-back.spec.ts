/**
 * The cluster goes down (connections refused) and comes back on the same
 * port: meanwhile passthrough gets 502, an alias change 503 without being
 * forwarded, readiness 503; afterwards everything answers again, and no
 * upstream socket is left behind, also once the proxy closes.
 */
import { raw } from '../support/http-client';
import { delay } from '../support/upstream-stub';
import { aliasChangesSeen, allowedAliasPut, expectStillServing, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack({ READY_PROBE_INTERVAL_MS: 150 });

it('answers 502 / 503 while the cluster refuses connections, and serves again once it is back', async () => {
  expect((await raw(proxy().adminUrl, 'GET', '/readyz')).status).toBe(200);
  await relay().goDown();

  const get = await raw(proxy().url, 'GET', '/');
  expect(get.status).toBe(502);
  expect(get.json.error.type).toBe('model_alias_guard_upstream_exception');
  const put = await raw(proxy().url, 'PUT', allowedAliasPut('refused-alias'));
  expect(put.status).toBe(503);
  expect(put.json.error.type).toBe('model_alias_guard_metadata_unavailable_exception');
  expect(put.headers['retry-after']).toBeDefined();
  await delay(400);
  expect((await raw(proxy().adminUrl, 'GET', '/readyz')).status).toBe(503);

  await relay().comeBack();
  expect(aliasChangesSeen(relay(), 'refused-alias')).toBe(0);
  await expectStillServing(proxy().url, 'back-alias');
  await delay(400);
  expect((await raw(proxy().adminUrl, 'GET', '/readyz')).status).toBe(200);
  await relay().settled();
});

it('leaves no upstream socket open once the proxy has closed', async () => {
  expect(relay().openSockets()).toBeGreaterThan(0);
  await proxy().close();
  const deadline = Date.now() + 2_000;
  while (relay().openSockets() > 0 && Date.now() < deadline) await delay(20);
  expect(relay().openSockets()).toBe(0);
});
