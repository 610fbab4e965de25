import { downstreamResponseHeaders, headerRecord, upstreamRequestHeaders } from '../../src/http/headers';

const raw = (flat: string[]): Buffer[] => flat.map((s) => Buffer.from(s, 'latin1'));

describe('hop-by-hop header helpers (RFC 9110 §7.6.1)', () => {
  it('keeps end-to-end request fields verbatim, sets Host, drops connection-specific ones', () => {
    const head = upstreamRequestHeaders(
      [
        'HOST', 'proxy.local:9200',
        'Authorization', 'ApiKey abc==',
        'Connection', 'keep-alive, X-Hop',
        'X-Hop', 'secret',
        'Keep-Alive', 'timeout=5',
        'Proxy-Connection', 'keep-alive',
        'TE', 'trailers',
        'Upgrade', 'h2c',
        'HTTP2-Settings', 'AAMAAABkAARAAAAAAAIAAAAA',
        'Trailer', 'X-Checksum',
        'Proxy-Authorization', 'Basic cHJveHk=',
        'Expect', '100-continue',
        'x-opaque-id', 'a',
        'X-Opaque-Id', 'b',
        'Accept-Encoding', 'gzip',
      ],
      'cluster.example:9243',
    );
    expect(head.headers).toEqual([
      'host', 'cluster.example:9243',
      'Authorization', 'ApiKey abc==',
      'x-opaque-id', 'a',
      'X-Opaque-Id', 'b',
      'Accept-Encoding', 'gzip',
    ]);
    expect(head.hasBody).toBe(false);
  });

  it('detects request content from Content-Length or Transfer-Encoding (RFC 9112 §6.3)', () => {
    expect(upstreamRequestHeaders(['Content-Length', '12'], 'h').hasBody).toBe(true);
    expect(upstreamRequestHeaders(['Content-Length', '0'], 'h').hasBody).toBe(false);
    const chunked = upstreamRequestHeaders(['Transfer-Encoding', 'chunked', 'Content-Type', 'application/x-ndjson'], 'h');
    expect(chunked.hasBody).toBe(true);
    expect(chunked.headers).toEqual(['host', 'h', 'Content-Type', 'application/x-ndjson']);
  });

  it('keeps Content-Length unless the body is replaced', () => {
    expect(upstreamRequestHeaders(['Content-Length', '3'], 'h').headers).toEqual(['host', 'h', 'Content-Length', '3']);
    expect(upstreamRequestHeaders(['Content-Length', '3'], 'h', true).headers).toEqual(['host', 'h']);
  });

  it('keeps non-ASCII header bytes (latin1 round trip)', () => {
    const value = Buffer.from([0x63, 0xe9, 0xff, 0x80]).toString('latin1');
    expect(upstreamRequestHeaders(['X-Bytes', value], 'h').headers[3]).toBe(value);
  });

  it('keeps end-to-end response fields verbatim and drops connection-specific ones', () => {
    const headers = downstreamResponseHeaders(
      raw([
        'X-elastic-product', 'Elasticsearch',
        'Transfer-Encoding', 'chunked',
        'Connection', 'keep-alive, X-Node-Hop',
        'X-Node-Hop', '1',
        'Keep-Alive', 'timeout=30',
        'Proxy-Authenticate', 'Basic realm="x"',
        'Set-Cookie', 'a=1',
        'Set-Cookie', 'b=2',
        'Warning', '299 Elasticsearch-8.15.0 "deprecated"',
        'content-length', '42',
      ]),
    );
    expect(headers).toEqual([
      'X-elastic-product', 'Elasticsearch',
      'Set-Cookie', 'a=1',
      'Set-Cookie', 'b=2',
      'Warning', '299 Elasticsearch-8.15.0 "deprecated"',
      'content-length', '42',
    ]);
  });

  it('turns a flat list into a record keeping first spelling and duplicates', () => {
    expect(headerRecord(['Warning', 'a', 'content-type', 'x', 'warning', 'b'])).toEqual({
      Warning: ['a', 'b'],
      'content-type': 'x',
    });
  });
});
