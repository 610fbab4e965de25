/** The document store for passthrough tests: indices, _doc, NDJSON _bulk, _search, scroll, gzip. */
import { gzipSync, gunzipSync } from 'node:zlib';
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const ndjson = { 'Content-Type': 'application/x-ndjson' };

describe('document store', () => {
  const sb = useSandbox();

  it('creates an index, answers HEAD, GET, and refuses a duplicate', async () => {
    const c = await raw(sb().url, 'PUT', '/books');
    expect(c.json).toEqual({ acknowledged: true, shards_acknowledged: true, index: 'books' });
    expect((await raw(sb().url, 'HEAD', '/books')).status).toBe(200);
    expect((await raw(sb().url, 'HEAD', '/nope')).status).toBe(404);
    expect((await raw(sb().url, 'GET', '/books')).json.books.settings.index.provided_name).toBe('books');
    const dup = await raw(sb().url, 'PUT', '/books');
    expect(dup.status).toBe(400);
    expect(dup.json.error.type).toBe('resource_already_exists_exception');
    const missing = await raw(sb().url, 'GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.type).toBe('index_not_found_exception');
  });

  it('refuses an upper-case index name', async () => {
    const r = await raw(sb().url, 'PUT', '/Books');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Invalid index name [Books], must be lowercase');
  });

  it('indexes, gets and deletes single documents', async () => {
    const put = await raw(sb().url, 'PUT', '/books/_doc/1', { body: { title: 'a' } });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({ _index: 'books', _id: '1', _version: 1, result: 'created' });
    const again = await raw(sb().url, 'PUT', '/books/_doc/1', { body: { title: 'b' } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ _version: 2, result: 'updated' });
    const get = await raw(sb().url, 'GET', '/books/_doc/1');
    expect(get.json).toMatchObject({ found: true, _source: { title: 'b' } });
    const post = await raw(sb().url, 'POST', '/books/_doc', { body: { title: 'c' } });
    expect(post.json._id).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await raw(sb().url, 'DELETE', '/books/_doc/1')).json.result).toBe('deleted');
    expect((await raw(sb().url, 'GET', '/books/_doc/1')).status).toBe(404);
  });

  it('streams a _bulk of 100 000 documents and searches them with match_all', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`{"index":{"_index":"bulk","_id":"${i}"}}`, `{"n":${i}}`);
    const body = Buffer.from(lines.join('\n') + '\n');
    const r = await raw(sb().url, 'POST', '/_bulk?filter_path=errors,items.*.status', { body, headers: ndjson, timeoutMs: 20_000 });
    expect(r.status).toBe(200);
    expect(r.json.errors).toBe(false);
    expect(r.json.items).toHaveLength(100_000);
    const c = await raw(sb().url, 'GET', '/bulk/_count');
    expect(c.json.count).toBe(100_000);
    const s = await raw(sb().url, 'POST', '/bulk/_search', { body: { query: { match_all: {} }, size: 3 } });
    expect(s.json.hits.total).toEqual({ value: 100_000, relation: 'eq' });
    expect(s.json.hits.hits).toHaveLength(3);
  }, 30_000);

  it('reports per-item bulk errors and refuses a malformed action line', async () => {
    const body = '{"create":{"_index":"b","_id":"1"}}\n{"a":1}\n{"create":{"_index":"b","_id":"1"}}\n{"a":2}\n{"index":{"_index":"b"}}\n{not json}\n';
    const r = await raw(sb().url, 'POST', '/_bulk', { body, headers: ndjson });
    expect(r.json.errors).toBe(true);
    expect(r.json.items.map((i: Record<string, { status: number }>) => Object.values(i)[0]!.status)).toEqual([201, 409, 400]);
    const bad = await raw(sb().url, 'POST', '/_bulk', { body: 'nope\n', headers: ndjson });
    expect(bad.status).toBe(400);
  });

  it('accepts gzip request bodies and gzips answers when asked', async () => {
    const body = gzipSync(Buffer.from('{"index":{"_index":"gz","_id":"1"}}\n{"a":1}\n'));
    const r = await raw(sb().url, 'POST', '/_bulk', { body, headers: { ...ndjson, 'Content-Encoding': 'gzip', 'Accept-Encoding': 'gzip' } });
    expect(r.headers['content-encoding']).toBe('gzip');
    const json = JSON.parse(gunzipSync(r.bytes).toString());
    expect(json.items[0].index.status).toBe(201);
  });

  it('scrolls through results and clears the scroll', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 25; i++) lines.push(`{"index":{"_index":"s","_id":"${i}"}}`, `{"n":${i}}`);
    await raw(sb().url, 'POST', '/_bulk', { body: lines.join('\n') + '\n', headers: ndjson });
    const first = await raw(sb().url, 'POST', '/s/_search?scroll=1m', { body: { size: 10, query: { match_all: {} } } });
    const seen = first.json.hits.hits.length;
    const id = first.json._scroll_id;
    const second = await raw(sb().url, 'POST', '/_search/scroll', { body: { scroll: '1m', scroll_id: id } });
    const third = await raw(sb().url, 'POST', '/_search/scroll', { body: { scroll: '1m', scroll_id: id } });
    const fourth = await raw(sb().url, 'POST', '/_search/scroll', { body: { scroll: '1m', scroll_id: id } });
    expect([seen, second.json.hits.hits.length, third.json.hits.hits.length, fourth.json.hits.hits.length]).toEqual([10, 10, 5, 0]);
    const cleared = await raw(sb().url, 'DELETE', '/_search/scroll', { body: { scroll_id: [id] } });
    expect(cleared.json).toEqual({ succeeded: true, num_freed: 1 });
    expect((await raw(sb().url, 'POST', '/_search/scroll', { body: { scroll_id: id } })).status).toBe(404);
  });

  it('counts and discards a very large single document body', async () => {
    const big = Buffer.concat([Buffer.from('{"blob":"'), Buffer.alloc(80 * 1024 * 1024, 0x61), Buffer.from('"}')]);
    const r = await raw(sb().url, 'PUT', '/huge/_doc/1', { body: big, headers: { 'Content-Type': 'application/json' }, timeoutMs: 20_000 });
    expect(r.status).toBe(201);
    const st = await raw(sb().url, 'GET', '/_sandbox/state');
    expect(st.json.indices.huge).toEqual({ docs: 1, dropped_sources: 1 });
  }, 30_000);

  it('answers big results chunked', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`{"index":{"_index":"c"}}`, `{"text":"${'x'.repeat(100)}"}`);
    const r = await raw(sb().url, 'POST', '/_bulk', { body: lines.join('\n') + '\n', headers: ndjson });
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.headers['content-length']).toBeUndefined();
    expect(r.json.items).toHaveLength(3000);
  });
});
