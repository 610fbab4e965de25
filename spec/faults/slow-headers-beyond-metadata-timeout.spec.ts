/**
 * A guard read whose answer head comes later than METADATA_TIMEOUT_MS: the
 * change is refused 503 once the limit is reached (not when the cluster
 * finally answers), not forwarded, and the read's socket is closed rather
 * than left waiting.
 */
import { raw } from '../support/http-client';
import { slowHeaders } from './support/fault-relay';
import { aliasChangesSeen, allowedAliasPut, expectStillServing, GUARD_READ, METADATA_TIMEOUT_MS, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

it('503 at the metadata timeout, the change not forwarded, no busy upstream socket left', async () => {
  relay().inject({ ...GUARD_READ, action: slowHeaders(4 * METADATA_TIMEOUT_MS) });
  const started = Date.now();
  const answer = await raw(proxy().url, 'PUT', allowedAliasPut('slow-read-alias'));
  const elapsed = Date.now() - started;
  expect(answer.status).toBe(503);
  expect(answer.json.error.type).toBe('model_alias_guard_metadata_unavailable_exception');
  // Bounded by the limit (plus scheduling slack), not by the cluster's 4x-late answer.
  expect(elapsed).toBeLessThan(METADATA_TIMEOUT_MS + 2_500);
  await relay().settled(2_000);
  expect(aliasChangesSeen(relay(), 'slow-read-alias')).toBe(0);
  await expectStillServing(proxy().url, 'slow-read-after-alias');
});
