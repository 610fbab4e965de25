/**
 * The rewrite holds the answer in memory up to a cap; a node-info answer
 * larger than that is relayed untouched (held bytes first, then the rest as
 * it streams) and reported, never cut or truncated.
 */
import { respondChunked } from '../support/upstream-stub';
import { send } from '../support/http-client';
import { NODE_INFO, useSniffProxyWithStub } from '../proxy/support/sniff-proxy';

const { stub, proxy } = useSniffProxyWithStub({ maxBufferedBytes: 64 });

it('an answer over the cap arrives complete and unchanged, and is reported as too large', async () => {
  const parts = NODE_INFO.match(/.{1,40}/gs)!;
  stub().respond(respondChunked(parts, { headers: ['content-type', 'application/json'] }));
  const answer = await send(proxy().port, { path: '/_nodes/_all/http' });
  expect(answer.status).toBe(200);
  expect(answer.bytes.toString('utf8')).toBe(NODE_INFO);
  expect(proxy().rewritten).toEqual([]);
  expect(proxy().untouched.map((u) => u.reason)).toEqual(['too_large']);
});

it('an answer under the cap is rewritten (the cap is what made the difference)', async () => {
  const small = '{"nodes":{"n":{"http":{"publish_address":"1.2.3.4:9"}}}}';
  stub().respond(respondChunked([small], { headers: ['content-type', 'application/json'] }));
  const answer = await send(proxy().port, { path: '/_nodes/_all/http' });
  expect(answer.bytes.toString('utf8')).toBe('{"nodes":{"n":{"http":{"publish_address":"proxy.example.com:9201"}}}}');
});
