/**
 * Only a 200 JSON node-info answer is rewritten: an error status, another
 * media type (`format=yaml`), an unknown content coding and HEAD go through
 * byte for byte, however much they look like node info.
 */
import { respondWith } from '../support/upstream-stub';
import { send } from '../support/http-client';
import { endToEndHeaders, headerPairs, NODE_INFO, useSniffProxyWithStub } from '../proxy/support/sniff-proxy';

const { stub, proxy } = useSniffProxyWithStub();

const YAML = '---\n_nodes:\n  total: 1\nnodes:\n  aB3:\n    http:\n      publish_address: "10.0.0.1:9200"\n';

it.each([
  ['a 500 with a node-info body', 500, 'application/json', NODE_INFO, '/_nodes/_all/http'],
  ['a 404', 404, 'application/json', '{"error":"x","status":404}', '/_nodes/http'],
  ['YAML (format=yaml)', 200, 'application/yaml', YAML, '/_nodes/http?format=yaml'],
  ['text/plain', 200, 'text/plain; charset=UTF-8', NODE_INFO, '/_nodes/http'],
  ['no content type', 200, undefined, NODE_INFO, '/_nodes/http'],
])('%s: body byte for byte', async (_label, status, contentType, body, path) => {
  const headers = ['X-elastic-product', 'Elasticsearch', ...(contentType ? ['content-type', contentType] : []), 'content-length', String(Buffer.byteLength(body))];
  stub().respond(respondWith(status, headers, body));
  const answer = await send(proxy().port, { path });
  expect(answer.status).toBe(status);
  expect(answer.bytes.toString('utf8')).toBe(body);
  expect(proxy().rewritten).toEqual([]);
});

it('an unknown content coding (br): untouched, and reported', async () => {
  const body = Buffer.from([1, 2, 3, 4]);
  stub().respond(respondWith(200, ['content-type', 'application/json', 'content-encoding', 'br', 'content-length', '4'], body));
  const answer = await send(proxy().port, { path: '/_nodes/http', headers: ['Host', 'x', 'Accept-Encoding', 'br'] });
  expect(answer.bytes.equals(body)).toBe(true);
  expect(proxy().untouched.at(-1)?.reason).toBe('unsupported_encoding');
  expect(proxy().rewritten).toEqual([]);
});

it('HEAD is not routed to the rewrite: the head, Content-Length included, as the cluster sent it', async () => {
  const headers = ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-length', String(NODE_INFO.length)];
  stub().respond((_req, res) => {
    res.writeHead(200, headers);
    res.end();
  });
  const answer = await send(proxy().port, { method: 'HEAD', path: '/_nodes/_all/http' });
  expect(answer.status).toBe(200);
  expect(headerPairs(answer.rawHeaders)).toContainEqual(['content-length', String(NODE_INFO.length)]);
  expect(headerPairs(answer.rawHeaders)).not.toContainEqual(['transfer-encoding', 'chunked']);
  expect(endToEndHeaders(answer.rawHeaders)).toEqual(endToEndHeaders(headers));
});
