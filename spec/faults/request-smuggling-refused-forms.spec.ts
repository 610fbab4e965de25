/**
 * Request framings two HTTP parsers may read differently (RFC 9112 §6.3,
 * RFC 9112 §7.1): the proxy refuses each with 400 and closes, and the cluster
 * receives nothing from that connection, so no request can hide in one the
 * proxy did not see. (Raw sockets; the bytes behind the first request would
 * be the smuggled one.)
 */
import { rawExchange } from './support/raw-exchange';
import { useFaultStack } from './support/fault-stack';

const { relay, proxy } = useFaultStack();

const SMUGGLED = 'PUT /_ml/trained_models/demo-fare-regression/model_aliases/demo-embedding?reassign=true HTTP/1.1\r\nHost: x\r\n\r\n';
const HEAD = 'POST /fault-index/_doc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';

const forms: Array<[string, string]> = [
  ['Content-Length with Transfer-Encoding', `${HEAD}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['duplicate Content-Length, different values', `${HEAD}Content-Length: 7\r\nContent-Length: 120\r\n\r\n{"a":1}${SMUGGLED}`],
  ['duplicate Content-Length, same value', `${HEAD}Content-Length: 7\r\nContent-Length: 7\r\n\r\n{"a":1}${SMUGGLED}`],
  ['Content-Length as a list', `${HEAD}Content-Length: 7, 7\r\n\r\n{"a":1}${SMUGGLED}`],
  ['Transfer-Encoding: xchunked', `${HEAD}Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['space before the colon', `${HEAD}Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['chunked not last', `${HEAD}Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['two Transfer-Encoding lines, chunked first', `${HEAD}Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['obsolete line folding', `${HEAD}X-Pad: a\r\n Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`],
  ['chunk size 0x7', `${HEAD}Transfer-Encoding: chunked\r\n\r\n0x7\r\n{"a":1}\r\n0\r\n\r\n${SMUGGLED}`],
  ['chunk size -7', `${HEAD}Transfer-Encoding: chunked\r\n\r\n-7\r\n{"a":1}\r\n0\r\n\r\n${SMUGGLED}`],
  ['chunk size overflowing 64 bits', `${HEAD}Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff7\r\n{"a":1}\r\n0\r\n\r\n${SMUGGLED}`],
  ['chunk size with a trailing space', `${HEAD}Transfer-Encoding: chunked\r\n\r\n7 \r\n{"a":1}\r\n0\r\n\r\n${SMUGGLED}`],
  ['bare LF in the head', `GET /fault-index/_doc/1 HTTP/1.1\nHost: x\n\n${SMUGGLED}`],
  ['bare LF in the chunked body', `${HEAD}Transfer-Encoding: chunked\r\n\r\n7\n{"a":1}\n0\n\n${SMUGGLED}`],
  ['bare CR in the head', `GET /fault-index/_doc/1 HTTP/1.1\rHost: x\r\r${SMUGGLED}`],
];

it.each(forms)('%s: 400, nothing reaches the cluster', async (_name, bytes) => {
  const exchange = await rawExchange(proxy().url, relay(), bytes);
  expect(exchange.statuses).toEqual([400]);
  expect(exchange.all).toEqual([]);
});
