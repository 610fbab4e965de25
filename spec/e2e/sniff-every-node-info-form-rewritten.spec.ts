/**
 * Through the proxy, every node-info form a client uses to sniff answers with
 * the proxy's address as each node's `http.publish_address` (default policy
 * `rewrite`, no PROXY_PUBLIC_URL: the listen address), while the cluster
 * answered directly names its own; each rewritten answer is counted.
 */
import { startStack, Stack, describeEverywhere } from '../support/stack';
import { raw } from '../support/http-client';
import { metricSum } from '../support/proxy-metrics';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

const proxyAddress = () => new URL(stack.proxyUrl).host;

describeEverywhere('node-info forms through the proxy (SNIFF_POLICY=rewrite)', () => {
  it.each([
    '/_nodes/_all/http', // JS 8.x (sniffEndpoint default), Python 7.x
    '/_nodes/_all/http?filter_path=nodes.*.http',
    '/_nodes/http', // Java, Go
    '/_nodes/http,settings?flat_settings&timeout=2s', // .NET
    '/_nodes/http,transport',
    '/_nodes',
    '/_nodes/',
    '/_nodes/_all',
    '/_nodes/_local',
    '/_nodes/_all/_all',
    '/_nodes/_local/http',
    '/_nodes/_all/info/http',
    '/_nodes/_all/http/',
    '/_nodes/_all/ht%74p',
    '/_nodes/%5Fall/http',
  ])('%s: every publish address is the proxy, the cluster answered directly names itself', async (path) => {
    const before = await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total');
    const viaProxy = await raw(stack.proxyUrl, 'GET', path, { headers: stack.auth });
    const direct = await raw(stack.esUrl, 'GET', path, { headers: stack.auth });
    expect(viaProxy.status).toBe(200);
    expect(direct.status).toBe(200);

    const nodes = Object.entries<any>(viaProxy.json.nodes);
    expect(nodes.length).toBeGreaterThan(0);
    for (const [id, node] of nodes) {
      expect(node.http.publish_address).toBe(proxyAddress());
      expect(direct.json.nodes[id].http.publish_address).not.toBe(proxyAddress());
      // Nothing else in the node changed (bound_address included).
      expect({ ...node, http: { ...node.http, publish_address: 'x' } }).toEqual({
        ...direct.json.nodes[id],
        http: { ...direct.json.nodes[id].http, publish_address: 'x' },
      });
    }
    expect(await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total')).toBe(before + 1);
    expect(await metricSum(stack.adminUrl, 'mag_requests_total', { route: 'sniff' })).toBeGreaterThan(0);
  });

  it.each(['/_nodes/jvm', '/_nodes/_all/jvm,os', '/_nodes/stats'])('%s (no http section): the cluster bytes, nothing counted', async (path) => {
    const before = await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total');
    const viaProxy = await raw(stack.proxyUrl, 'GET', path, { headers: stack.auth });
    const direct = await raw(stack.esUrl, 'GET', path, { headers: stack.auth });
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.text).toBe(direct.text);
    expect(await metricSum(stack.adminUrl, 'mag_sniff_rewrites_total')).toBe(before);
  });
});
