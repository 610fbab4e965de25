import { useProxyWithStub } from './support/proxy-with-stub';
import { pairs, send } from '../support/http-client';

describe('request headers reach the cluster as the client sent them', () => {
  const { stub, proxy } = useProxyWithStub();

  it('keeps names, order, duplicates and value bytes; rewrites Host; drops hop-by-hop fields', async () => {
    const oddBytes = Buffer.from([0x61, 0xe9, 0xfe, 0x20, 0x7e]).toString('latin1');
    const answer = await send(proxy().port, {
      method: 'POST',
      path: '/idx/_search',
      headers: [
        'hOsT', `127.0.0.1:${proxy().port}`,
        'Authorization', 'ApiKey Zm9vOmJhcg==',
        'X-Opaque-ID', 'first',
        'x-opaque-id', 'second',
        'Connection', 'keep-alive, X-Drop-Me',
        'X-Drop-Me', 'hop',
        'Proxy-Authorization', 'Basic cHJveHk6cHc=',
        'TE', 'trailers',
        'Content-Type', 'application/json',
        'X-Bytes', oddBytes,
        'Accept', 'application/vnd.elasticsearch+json; compatible-with=8',
        'Content-Length', '2',
      ],
      // A Buffer, not a string: node's client would write the head as UTF-8
      // together with a string body, mangling the latin1 test bytes.
      body: Buffer.from('{}'),
    });
    expect(answer.status).toBe(200);

    const seen = await stub().nextRequest();
    // undici writes host first and content-length last, lower-cased, and its
    // own connection: keep-alive; every other field is as the client sent it.
    expect(pairs(seen.rawHeaders)).toEqual([
      ['host', stub().url.replace('http://', '')],
      ['connection', 'keep-alive'],
      ['Authorization', 'ApiKey Zm9vOmJhcg=='],
      ['X-Opaque-ID', 'first'],
      ['x-opaque-id', 'second'],
      ['Content-Type', 'application/json'],
      ['X-Bytes', oddBytes],
      ['Accept', 'application/vnd.elasticsearch+json; compatible-with=8'],
      ['content-length', '2'],
    ]);
    // The value bytes on the wire, not just after node's decoding.
    expect(seen.connection.bytes().includes(Buffer.concat([Buffer.from('X-Bytes: '), Buffer.from(oddBytes, 'latin1'), Buffer.from('\r\n')]))).toBe(true);
  });

  it('adds no body framing to a request that has none', async () => {
    await send(proxy().port, { method: 'GET', path: '/_cluster/health' });
    const seen = await stub().nextRequest();
    const names = pairs(seen.rawHeaders).map(([name]) => name.toLowerCase());
    expect(names).not.toContain('transfer-encoding');
    expect(names).not.toContain('content-length');
  });
});
