/**
 * The same-alias lock is held only while a change is being decided for a
 * client that is still there: when the client goes away during a slow
 * metadata read, the read is aborted, nothing is forwarded, and the next
 * change of that alias is decided at once, not after METADATA_TIMEOUT_MS;
 * a read trickling in is bounded as a whole, so the lock is too.
 */
import { request } from 'undici';
import { raw } from '../support/http-client';
import { slowHeaders, trickle } from '../faults/support/fault-relay';
import { aliasChangesSeen, allowedAliasPut, GUARD_READ, useFaultStack } from '../faults/support/fault-stack';

const TIMEOUT_MS = 10_000;
const { relay, proxy } = useFaultStack({ METADATA_TIMEOUT_MS: TIMEOUT_MS });

it('a client gone during a slow read frees the alias for the next change at once', async () => {
  relay().inject({ ...GUARD_READ, action: slowHeaders(4 * TIMEOUT_MS) });
  const gone = new AbortController();
  const first = request(`${proxy().url}${allowedAliasPut('lock-abort-alias')}`, { method: 'PUT', signal: gone.signal }).catch((error: unknown) => error);
  // Let the first change reach its (slow) read, then leave.
  await new Promise((r) => setTimeout(r, 300));
  gone.abort();
  expect(await first).toMatchObject({ name: 'AbortError' });
  const started = Date.now();
  const second = await raw(proxy().url, 'PUT', allowedAliasPut('lock-abort-alias'));
  expect(second.status).toBe(200);
  // Decided without waiting for the first change's read to time out.
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS / 2);
  // Only the second change reached the cluster; the slow read's socket was closed.
  expect(aliasChangesSeen(relay(), 'lock-abort-alias')).toBe(1);
  await relay().settled(3_000);
}, 30_000);

it('a read trickling in past the limit holds the alias no longer than METADATA_TIMEOUT_MS', async () => {
  relay().inject({ ...GUARD_READ, action: trickle(`{"count":0,"trained_model_configs":[]}${' '.repeat(400)}`, 100) });
  const started = Date.now();
  const [first, second] = await Promise.all([
    raw(proxy().url, 'PUT', allowedAliasPut('lock-trickle-alias')),
    new Promise((r) => setTimeout(r, 100)).then(() => raw(proxy().url, 'PUT', allowedAliasPut('lock-trickle-alias'))),
  ]);
  expect(first.status).toBe(503);
  expect(second.status).toBe(200);
  // The trickle takes ~44 s; the second change waited for the first one's 503 only.
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 5_000);
}, 40_000);
