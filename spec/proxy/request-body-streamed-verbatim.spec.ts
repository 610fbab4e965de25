import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { respondJson } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

describe('request bodies reach the cluster byte for byte', () => {
  const { stub, proxy } = useProxyWithStub({ stub: { responder: respondJson(200, { took: 1, errors: false, items: [] }) } });

  it('relays a Content-Length body exactly', async () => {
    const body = Buffer.concat([Buffer.from('{"index":{}}\n{"f":"\u00e9\u0000"}\n'), randomBytes(1000)]);
    const answer = await send(proxy().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Content-Length', String(body.length)],
      body,
    });
    expect(answer.status).toBe(200);
    const seen = await stub().nextRequest();
    expect((await seen.bodyDone).equals(body)).toBe(true);
  });

  it('relays a chunked upload exactly (re-framed by the proxy, same bytes)', async () => {
    const parts = [Buffer.from('{"index":{}}\n'), randomBytes(333), Buffer.from('\n')];
    const answer = await send(proxy().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Transfer-Encoding', 'chunked'],
      body: Readable.from(parts),
    });
    expect(answer.status).toBe(200);
    const seen = await stub().nextRequest();
    expect((await seen.bodyDone).equals(Buffer.concat(parts))).toBe(true);
  });

  it('relays a GET with a body (Elasticsearch _search)', async () => {
    const body = Buffer.from('{"query":{"match_all":{}}}');
    await send(proxy().port, {
      method: 'GET',
      path: '/idx/_search',
      headers: ['Host', 'x', 'Content-Type', 'application/json', 'Content-Length', String(body.length)],
      body,
    });
    const seen = await stub().nextRequest();
    expect(seen.method).toBe('GET');
    expect((await seen.bodyDone).equals(body)).toBe(true);
  });
});
