/**
 * `compression: true` in the JavaScript client gzips request bodies (with
 * `Content-Encoding: gzip`) and asks for gzip answers (`Accept-Encoding:
 * gzip,deflate`). Through the proxy the gzip bytes must reach the cluster
 * byte for byte as the client wrote them (the sandbox request log keeps the
 * raw wire bytes, before any gunzip), the gzip answer must reach the client
 * byte for byte as the cluster wrote it, and the client must work as it does
 * against the cluster directly.
 */
import { gunzipSync } from 'node:zlib';
import { Client } from '@elastic/elasticsearch';
import { request } from 'undici';
import { startStack, Stack, describeSandboxOnly } from '../../support/stack';
import { clusterRequests, clearClusterRequests, lastFor, rawBody, rawHeaderValues } from './support';

let stack: Stack;
let viaProxy: Client;
let direct: Client;
beforeAll(async () => {
  stack = await startStack();
  viaProxy = new Client({ node: stack.proxyUrl, maxRetries: 0, compression: true });
  direct = new Client({ node: stack.esUrl, maxRetries: 0, compression: true });
});
afterAll(async () => {
  await viaProxy.close();
  await direct.close();
  await stack.close();
});
beforeEach(async () => stack.reset());

// Big and repetitive enough that gzip matters, with non-ASCII text.
const document = { title: 'Straße ✓ café', text: 'lorem ipsum dolor sit amet '.repeat(2000), n: 42 };

describeSandboxOnly('JS client with compression: true through the proxy', () => {
  it('sends a gzip request body that arrives byte-identical to the one sent to the cluster directly', async () => {
    await viaProxy.index({ index: 'mag-test-gzip', id: '1', document });
    const proxied = lastFor(await clusterRequests(stack), 'PUT', '/mag-test-gzip/_doc/1');
    await clearClusterRequests(stack);
    await direct.index({ index: 'mag-test-gzip', id: '1', document });
    const sentDirectly = lastFor(await clusterRequests(stack), 'PUT', '/mag-test-gzip/_doc/1');

    expect(rawHeaderValues(proxied, 'content-encoding')).toEqual(['gzip']);
    expect(rawHeaderValues(proxied, 'accept-encoding')).toEqual(['gzip,deflate']);
    const wire = rawBody(proxied);
    expect(wire.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // still gzip on the cluster side
    expect(proxied.body_truncated).toBe(false);
    expect(wire.equals(rawBody(sentDirectly))).toBe(true);
    expect(rawHeaderValues(proxied, 'content-length')).toEqual([String(wire.length)]);
    expect(JSON.parse(gunzipSync(wire).toString('utf8'))).toEqual(document);
    expect(proxied.status).toBe(201);
  });

  it('gets gzip answers that the client decodes: the stored document reads back equal', async () => {
    await viaProxy.index({ index: 'mag-test-gzip', id: '1', document, refresh: true });
    const got = await viaProxy.get({ index: 'mag-test-gzip', id: '1' }, { meta: true });
    expect(got.headers['content-encoding']).toBe('gzip');
    expect(got.body._source).toEqual(document);
    const search = await viaProxy.search({ index: 'mag-test-gzip', query: { match_all: {} } });
    expect(search.hits.hits.map((h) => h._source)).toEqual([document]);
  });

  it('relays the cluster’s gzip answer byte for byte (compared with the same answer fetched directly)', async () => {
    await direct.index({ index: 'mag-test-gzip', id: '1', document, refresh: true });
    const fetch = async (base: string) => {
      const answer = await request(`${base}/mag-test-gzip/_doc/1`, { headers: { 'accept-encoding': 'gzip,deflate' } });
      return { headers: answer.headers, bytes: Buffer.from(await answer.body.arrayBuffer()) };
    };
    const proxied = await fetch(stack.proxyUrl);
    const fromCluster = await fetch(stack.esUrl);
    expect(proxied.headers['content-encoding']).toBe('gzip');
    expect(proxied.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(proxied.bytes.equals(fromCluster.bytes)).toBe(true);
    expect(JSON.parse(gunzipSync(proxied.bytes).toString('utf8'))._source).toEqual(document);
  });

  it('a gzip NDJSON _bulk arrives byte-identical and is applied', async () => {
    const operations = Array.from({ length: 500 }, (_, i) => [{ index: { _index: 'mag-test-gzip', _id: String(i) } }, { i, text: 'ü'.repeat(50) }]).flat();
    const viaProxyAnswer = await viaProxy.bulk({ operations, refresh: true });
    expect(viaProxyAnswer.errors).toBe(false);
    const proxied = lastFor(await clusterRequests(stack), 'POST', '/_bulk');
    await clearClusterRequests(stack);
    await direct.bulk({ operations, refresh: true });
    const sentDirectly = lastFor(await clusterRequests(stack), 'POST', '/_bulk');
    expect(rawHeaderValues(proxied, 'content-encoding')).toEqual(['gzip']);
    expect(rawBody(proxied).equals(rawBody(sentDirectly))).toBe(true);
    expect((await viaProxy.count({ index: 'mag-test-gzip' })).count).toBe(500);
  });
});
