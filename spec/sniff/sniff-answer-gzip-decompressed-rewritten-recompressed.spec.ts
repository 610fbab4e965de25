/**
 * A gzip (or deflate) node-info answer is decompressed, rewritten and
 * compressed again with the same coding; every header but the framing stays
 * as the cluster sent it. With nothing to rewrite, the cluster's compressed
 * bytes go out unchanged.
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { respondWith } from '../support/upstream-stub';
import { send } from '../support/http-client';
import { endToEndHeaders, headerPairs, NODE_INFO, NODE_INFO_REWRITTEN, useSniffProxyWithStub } from '../proxy/support/sniff-proxy';

const { stub, proxy } = useSniffProxyWithStub();

const headersOf = (coding: string) => [
  'X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-encoding', coding, 'vary', 'Accept-Encoding',
];

it('gzip: the client gets gzip, which decodes to the rewritten answer; headers as sent but the framing', async () => {
  const sent = gzipSync(NODE_INFO);
  stub().respond(respondWith(200, [...headersOf('gzip'), 'content-length', String(sent.length)], sent));
  const answer = await send(proxy().port, { path: '/_nodes/_all/http', headers: ['Host', 'x', 'Accept-Encoding', 'gzip,deflate'] });

  expect(answer.status).toBe(200);
  expect(answer.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  expect(gunzipSync(answer.bytes).toString('utf8')).toBe(NODE_INFO_REWRITTEN);
  expect(endToEndHeaders(answer.rawHeaders)).toEqual(headerPairs(headersOf('gzip')));
  expect(proxy().rewritten).toEqual([1]);
  // What the cluster received asked for gzip, as the client did.
  const seen = stub().requests.at(-1)!;
  expect(headerPairs(seen.rawHeaders)).toContainEqual(['accept-encoding', 'gzip,deflate']);
});

it('deflate: decoded, rewritten and encoded again', async () => {
  const sent = deflateSync(NODE_INFO);
  stub().respond(respondWith(200, [...headersOf('deflate'), 'content-length', String(sent.length)], sent));
  const answer = await send(proxy().port, { path: '/_nodes/http', headers: ['Host', 'x', 'Accept-Encoding', 'deflate'] });
  expect(headerPairs(answer.rawHeaders)).toContainEqual(['content-encoding', 'deflate']);
  expect(inflateSync(answer.bytes).toString('utf8')).toBe(NODE_INFO_REWRITTEN);
});

it('gzip with nothing to rewrite: the cluster compressed bytes, unchanged', async () => {
  const sent = gzipSync(JSON.stringify({ _nodes: { total: 0 }, cluster_name: 'prod', nodes: {} }), { level: 9 });
  stub().respond(respondWith(200, [...headersOf('gzip'), 'content-length', String(sent.length)], sent));
  const before = proxy().rewritten.length;
  const answer = await send(proxy().port, { path: '/_nodes/nobody/http', headers: ['Host', 'x', 'Accept-Encoding', 'gzip'] });
  expect(answer.bytes.equals(sent)).toBe(true);
  expect(proxy().rewritten.length).toBe(before);
});

it('a gzip answer that does not decode: relayed as it came, and reported', async () => {
  const sent = Buffer.from('not gzip at all');
  stub().respond(respondWith(200, [...headersOf('gzip'), 'content-length', String(sent.length)], sent));
  const answer = await send(proxy().port, { path: '/_nodes/http', headers: ['Host', 'x', 'Accept-Encoding', 'gzip'] });
  expect(answer.bytes.equals(sent)).toBe(true);
  expect(proxy().untouched.at(-1)?.reason).toBe('undecodable');
});
