/** Control API: the request log, raw bytes included. */
import { gzipSync } from 'node:zlib';
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';

describe('request log', () => {
  const sb = useSandbox();

  it('records method, raw url, headers, body length and raw body bytes; not control calls', async () => {
    const body = '{"processors":[]}';
    await raw(sb().url, 'PUT', '/_ingest/pipeline/p%2Fx?pretty', { body, headers: { 'Content-Type': 'application/json', 'X-Custom': 'yes' } });
    const r = await control(sb().url, 'GET', '/requests');
    expect(r.json.requests).toHaveLength(1);
    const e = r.json.requests[0];
    expect(e.method).toBe('PUT');
    expect(e.url).toBe('/_ingest/pipeline/p%2Fx?pretty');
    expect(e.headers['x-custom']).toBe('yes');
    expect(e.raw_headers).toContain('X-Custom');
    expect(e.body_length).toBe(body.length);
    expect(Buffer.from(e.body_base64, 'base64').toString()).toBe(body);
    expect(e.body_text).toBe(body);
    expect(e.status).toBe(200);
  });

  it('keeps the bytes as sent (gzip not undone) and filters by method and prefix', async () => {
    const gz = gzipSync(Buffer.from('{"processors":[]}'));
    await raw(sb().url, 'PUT', '/_ingest/pipeline/gz', { body: gz, headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } });
    await raw(sb().url, 'GET', '/');
    const r = await control(sb().url, 'GET', '/requests?method=PUT&path_prefix=/_ingest');
    expect(r.json.requests).toHaveLength(1);
    expect(Buffer.from(r.json.requests[0].body_base64, 'base64').equals(gz)).toBe(true);
    expect(r.json.requests[0].status).toBe(200);
  });

  it('caps the kept bytes but counts them all', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x20);
    await raw(sb().url, 'POST', '/_bulk', { body: Buffer.concat([Buffer.from('{"index":{"_index":"i"}}\n{"a":1}\n'), big]), headers: { 'Content-Type': 'application/x-ndjson' } });
    const e = (await control(sb().url, 'GET', '/requests')).json.requests[0];
    expect(e.body_length).toBe(big.length + 33);
    expect(e.body_truncated).toBe(true);
    expect(Buffer.from(e.body_base64, 'base64').length).toBe(1024 * 1024);
  });

  it('is cleared by DELETE', async () => {
    await raw(sb().url, 'GET', '/');
    await control(sb().url, 'DELETE', '/requests');
    expect((await control(sb().url, 'GET', '/requests')).json.requests).toEqual([]);
  });
});
