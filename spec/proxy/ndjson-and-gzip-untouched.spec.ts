import { gunzipSync } from 'node:zlib';
import { respondGzip, respondWith } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

describe('NDJSON and gzip bodies pass untouched', () => {
  const { stub, proxy } = useProxyWithStub();

  it('relays a gzip answer compressed, same bytes, same Content-Encoding', async () => {
    const plain = JSON.stringify({ hits: { hits: Array.from({ length: 200 }, (_, i) => ({ _id: String(i) })) } });
    const { responder, sent } = respondGzip(plain);
    stub().respond(responder);
    const answer = await send(proxy().port, {
      path: '/idx/_search',
      headers: ['Host', 'x', 'Accept-Encoding', 'gzip'],
    });
    expect(answer.bytes.equals(sent)).toBe(true);
    expect(gunzipSync(answer.bytes).toString()).toBe(plain);
    expect(answer.rawHeaders).toEqual(expect.arrayContaining(['content-encoding', 'gzip', 'content-length', String(sent.length)]));
    const seen = await stub().nextRequest();
    expect(seen.rawHeaders).toEqual(expect.arrayContaining(['Accept-Encoding', 'gzip']));
  });

  it('relays a gzip request body compressed', async () => {
    const { sent } = respondGzip('{"index":{}}\n{"a":1}\n');
    stub().respond(respondWith(200, ['content-length', '0']));
    await send(proxy().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Content-Encoding', 'gzip', 'Content-Length', String(sent.length)],
      body: sent,
    });
    const seen = await stub().nextRequest();
    expect((await seen.bodyDone).equals(sent)).toBe(true);
    expect(seen.rawHeaders).toEqual(expect.arrayContaining(['Content-Encoding', 'gzip']));
  });

  it('relays NDJSON both ways with line breaks and trailing newline intact', async () => {
    const ndjson = Buffer.from('{"index":{"_id":"1"}}\r\n{"a":"x\\ny"}\n\n{"delete":{"_id":"2"}}\n');
    const answerNdjson = Buffer.from('{"a":1}\n{"b":2}\n');
    stub().respond(respondWith(200, ['content-type', 'application/x-ndjson', 'content-length', String(answerNdjson.length)], answerNdjson));
    const answer = await send(proxy().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Content-Length', String(ndjson.length)],
      body: ndjson,
    });
    expect(answer.bytes.equals(answerNdjson)).toBe(true);
    expect((await (await stub().nextRequest()).bodyDone).equals(ndjson)).toBe(true);
  });
});
