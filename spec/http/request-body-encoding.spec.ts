import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { decodeRequestBody, requestBodyEncoding } from '../../src/http/request-body-encoding';

const BODY = Buffer.from('{"force":true}');

describe('request bodies decoded as Netty\'s HttpContentDecompressor does (docs §8.1)', () => {
  it('reads the header trimmed and case-insensitively; identity and absent mean none', () => {
    expect(requestBodyEncoding(' GZip ')).toBe('gzip');
    expect(requestBodyEncoding('identity')).toBeUndefined();
    expect(requestBodyEncoding(undefined)).toBeUndefined();
    expect(requestBodyEncoding('gzip, deflate')).toBe('gzip, deflate');
  });

  it.each([
    ['gzip', gzipSync(BODY)],
    ['x-gzip', gzipSync(BODY)],
    ['deflate', deflateSync(BODY)],
    ['x-deflate', deflateSync(BODY)],
    ['deflate', deflateRawSync(BODY)],
  ])('decodes %s', (encoding, bytes) => {
    expect(decodeRequestBody(bytes, encoding, 1024)).toEqual({ ok: true, bytes: BODY });
  });

  it('leaves other encodings (no decoder in Netty) as they came', () => {
    const bytes = gzipSync(BODY);
    for (const encoding of ['br', 'zstd', 'gzip, deflate', 'compress']) {
      expect(decodeRequestBody(bytes, encoding, 1024)).toEqual({ ok: true, bytes });
    }
  });

  it('a gzip of nothing is an empty body', () => {
    expect(decodeRequestBody(gzipSync(Buffer.alloc(0)), 'gzip', 1024)).toEqual({ ok: true, bytes: Buffer.alloc(0) });
  });

  it('applies the limit to the decoded size', () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(8 * 1024);
    expect(decodeRequestBody(bomb, 'gzip', 64 * 1024)).toEqual({ ok: false, problem: 'too_large' });
    expect(decodeRequestBody(gzipSync(Buffer.alloc(1000)), 'gzip', 1000).ok).toBe(true);
  });

  it('says corrupt for a stream that cannot be decoded, and unsupported for snappy', () => {
    expect(decodeRequestBody(BODY, 'gzip', 1024)).toEqual({ ok: false, problem: 'corrupt' });
    expect(decodeRequestBody(gzipSync(BODY).subarray(0, 12), 'gzip', 1024)).toEqual({ ok: false, problem: 'corrupt' });
    expect(decodeRequestBody(BODY, 'snappy', 1024)).toEqual({ ok: false, problem: 'unsupported', encoding: 'snappy' });
  });
});
