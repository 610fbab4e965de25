/**
 * A client that asks for gzip (the JS client with `compression: true` does)
 * gets a gzip node-info answer through the proxy, which decodes to the
 * cluster's answer with only the publish addresses replaced.
 */
import { gunzipSync } from 'node:zlib';
import { Client } from '@elastic/elasticsearch';
import { request } from 'undici';
import { startStack, Stack, describeEverywhere } from '../support/stack';
import { metricSum } from '../support/proxy-metrics';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

async function getGzip(baseUrl: string, path: string) {
  const answer = await request(`${baseUrl}${path}`, { headers: { ...stack.auth, 'accept-encoding': 'gzip' } });
  return { status: answer.statusCode, headers: answer.headers, wire: Buffer.from(await answer.body.arrayBuffer()) };
}

describeEverywhere('gzip node-info answers', () => {
  it('are decompressed, rewritten and compressed again', async () => {
    const before = await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total');
    const direct = await getGzip(stack.esUrl, '/_nodes/_all/http');
    const viaProxy = await getGzip(stack.proxyUrl, '/_nodes/_all/http');
    expect(direct.headers['content-encoding']).toBe('gzip');
    expect(viaProxy.headers['content-encoding']).toBe('gzip');
    expect(viaProxy.headers.vary).toBe(direct.headers.vary);
    expect(viaProxy.wire.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const directText = gunzipSync(direct.wire).toString('utf8');
    const proxiedText = gunzipSync(viaProxy.wire).toString('utf8');
    const proxyAddress = new URL(stack.proxyUrl).host;
    const expected = directText.replace(/("http":\{[^{}]*"publish_address":)"[^"]*"/g, `$1"${proxyAddress}"`);
    expect(expected).not.toBe(directText);
    expect(proxiedText).toBe(expected);
    expect(await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total')).toBe(before + 1);
  });

  it('reach the JS client with compression: true as the proxy address', async () => {
    const client = new Client({ node: stack.proxyUrl, compression: true, maxRetries: 0, headers: stack.auth });
    try {
      const answer = await client.nodes.info({ node_id: '_all', metric: 'http' }, { meta: true });
      expect(answer.headers['content-encoding']).toBe('gzip');
      for (const node of Object.values(answer.body.nodes)) expect(node.http?.publish_address).toBe(new URL(stack.proxyUrl).host);
    } finally {
      await client.close();
    }
  });
});
