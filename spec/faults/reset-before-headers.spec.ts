/**
 * The cluster resets the connection before sending a byte of its answer:
 * passthrough answers 502 (a GET reset on every try, a POST whose body was
 * sent), a guard read fails closed with 503 and the change is not forwarded;
 * the proxy keeps serving and holds no busy upstream socket.
 */
import { raw } from '../support/http-client';
import { resetBeforeHeaders } from './support/fault-relay';
import { aliasChangesSeen, allowedAliasPut, expectStillServing, GUARD_READ, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

it('a passthrough GET reset on every try: 502', async () => {
  relay().inject({ method: 'GET', path: '/fault-index', count: Infinity, action: resetBeforeHeaders });
  const answer = await raw(proxy().url, 'GET', '/fault-index/_doc/1');
  expect(answer.status).toBe(502);
  expect(answer.json.error.type).toBe('model_alias_guard_upstream_exception');
  relay().clearFaults();
  await expectStillServing(proxy().url, 'reset-get-alias');
  await relay().settled();
});

it('a passthrough POST reset after its body was sent: 502, not retried', async () => {
  relay().inject({ method: 'POST', path: '/fault-index', action: resetBeforeHeaders });
  const before = relay().seen.length;
  const answer = await raw(proxy().url, 'POST', '/fault-index/_doc', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
  expect(answer.status).toBe(502);
  expect(relay().seen.slice(before).filter((r) => r.method === 'POST')).toHaveLength(1);
  await expectStillServing(proxy().url, 'reset-post-alias');
  await relay().settled();
});

it('a guard read reset: 503 fail closed, the alias change never reaches the cluster', async () => {
  relay().inject({ ...GUARD_READ, action: resetBeforeHeaders });
  const answer = await raw(proxy().url, 'PUT', allowedAliasPut('reset-read-alias'));
  expect(answer.status).toBe(503);
  expect(answer.json.error.type).toBe('model_alias_guard_metadata_unavailable_exception');
  expect(aliasChangesSeen(relay(), 'reset-read-alias')).toBe(0);
  await expectStillServing(proxy().url, 'reset-read-after-alias');
  await relay().settled();
});
