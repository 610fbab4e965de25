/**
 * The cluster answers 5xx. A guard read answered 500 or 503 fails closed
 * (503, the change not forwarded); a passthrough 5xx is the cluster's answer
 * and reaches the client as it was sent.
 */
import { raw } from '../support/http-client';
import { answer as answerWith } from './support/fault-relay';
import { aliasChangesSeen, allowedAliasPut, expectStillServing, GUARD_READ, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

const ES_500 = JSON.stringify({ error: { root_cause: [], type: 'exception', reason: 'boom' }, status: 500 });
const ES_503 = JSON.stringify({ error: { root_cause: [], type: 'cluster_block_exception', reason: 'blocked' }, status: 503 });

it.each([
  [500, ES_500],
  [503, ES_503],
])('a guard read answered %i: 503 fail closed, the change not forwarded', async (status, body) => {
  relay().inject({ ...GUARD_READ, action: answerWith(status, body) });
  const alias = `five-xx-${status}-alias`;
  const answer = await raw(proxy().url, 'PUT', allowedAliasPut(alias));
  expect(answer.status).toBe(503);
  expect(answer.json.error.type).toBe('model_alias_guard_metadata_unavailable_exception');
  expect(aliasChangesSeen(relay(), alias)).toBe(0);
  await expectStillServing(proxy().url, `five-xx-${status}-after-alias`);
  await relay().settled();
});

it('a passthrough 503 is relayed as the cluster sent it', async () => {
  relay().inject({ method: 'GET', path: '/fault-index', action: answerWith(503, ES_503) });
  const answer = await raw(proxy().url, 'GET', '/fault-index/_search');
  expect(answer.status).toBe(503);
  expect(answer.text).toBe(ES_503);
  await relay().settled();
});
