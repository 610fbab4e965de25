/**
 * A reset in the middle of a body, both ways: the cluster's answer cut after
 * its head (the client sees an incomplete message, never a second answer),
 * and the cluster resetting while the proxy still sends a request body (502).
 * A guard read cut mid-answer fails closed. The proxy keeps serving, no busy
 * upstream socket is left.
 */
import { open, send, raw } from '../support/http-client';
import { resetMidAnswer, resetMidRequestBody } from './support/fault-relay';
import { aliasChangesSeen, allowedAliasPut, expectStillServing, GUARD_READ, useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

function port(): number {
  return Number(new URL(proxy().url).port);
}

it('answer cut after its head: the client gets the head and an incomplete body', async () => {
  relay().inject({ method: 'GET', path: '/fault-index', action: resetMidAnswer(64 * 1024) });
  const { response } = open(port(), { path: '/fault-index/_doc/1', headers: ['Host', 'x'], body: '' });
  const res = await response;
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-length']).toBe(String(64 * 1024));
  const outcome = await new Promise<{ received: number; complete: boolean }>((resolve) => {
    let received = 0;
    res.on('data', (chunk: Buffer) => (received += chunk.length));
    res.on('error', () => undefined);
    res.once('close', () => resolve({ received, complete: res.complete }));
  });
  expect(outcome.complete).toBe(false);
  expect(outcome.received).toBeLessThan(64 * 1024);
  await expectStillServing(proxy().url, 'cut-answer-alias');
  await relay().settled();
});

it('request body cut by the cluster while the proxy sends it: 502', async () => {
  relay().inject({ method: 'POST', path: '/fault-index', action: resetMidRequestBody(64 * 1024) });
  const answer = await send(port(), {
    method: 'POST',
    path: '/fault-index/_bulk',
    headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Content-Length', String(2 * 1024 * 1024)],
    body: Buffer.alloc(2 * 1024 * 1024, 0x0a),
  }).catch((error: Error) => error);
  // The proxy answers 502; a client still writing may see its connection closed instead.
  if (!(answer instanceof Error)) {
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.bytes.toString('utf8')).error.type).toBe('model_alias_guard_upstream_exception');
  }
  await expectStillServing(proxy().url, 'cut-request-alias');
  await relay().settled();
});

it('a guard read cut mid-answer: 503, the change not forwarded', async () => {
  relay().inject({ ...GUARD_READ, action: resetMidAnswer(8 * 1024) });
  const answer = await raw(proxy().url, 'PUT', allowedAliasPut('cut-read-alias'));
  expect(answer.status).toBe(503);
  expect(aliasChangesSeen(relay(), 'cut-read-alias')).toBe(0);
  await relay().settled();
});
