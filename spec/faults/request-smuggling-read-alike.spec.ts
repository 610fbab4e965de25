/**
 * Framings that are valid but unusual (RFC 9112 §6.1, §7.1.1): the proxy
 * reads them, and the cluster receives exactly the request the proxy read:
 * the same method, target and body bytes, one request, nothing left over.
 */
import { rawExchange } from './support/raw-exchange';
import { useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

const HEAD = 'POST /fault-index/_doc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n';

const forms: Array<[string, string, string]> = [
  ['a tab before chunked (optional whitespace)', `${HEAD}Transfer-Encoding:\tchunked\r\n\r\n7\r\n{"a":1}\r\n0\r\n\r\n`, '{"a":1}'],
  ['identity, chunked (chunked last)', `${HEAD}Transfer-Encoding: identity, chunked\r\n\r\n7\r\n{"a":1}\r\n0\r\n\r\n`, '{"a":1}'],
  ['a chunk extension', `${HEAD}Transfer-Encoding: chunked\r\n\r\n7;ext=1\r\n{"a":1}\r\n0\r\n\r\n`, '{"a":1}'],
  ['upper-case hex chunk sizes', `${HEAD}Transfer-Encoding: chunked\r\n\r\nA\r\n{"ab":123}\r\n0\r\n\r\n`, '{"ab":123}'],
  ['a trailer field', `${HEAD}Transfer-Encoding: chunked\r\n\r\n7\r\n{"a":1}\r\n0\r\nX-Trailer: t\r\n\r\n`, '{"a":1}'],
];

it.each(forms)('%s: the cluster sees the one request the proxy read', async (_name, bytes, body) => {
  const exchange = await rawExchange(proxy().url, relay(), bytes);
  expect(exchange.statuses).toHaveLength(1);
  expect(exchange.all.map((r) => [r.method, r.url, r.body().toString('latin1')])).toEqual([['POST', '/fault-index/_doc', body]]);
});
