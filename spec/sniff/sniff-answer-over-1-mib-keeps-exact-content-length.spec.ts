/**
 * A rewritten node-info answer larger than 1 MiB (many nodes, many
 * attributes) goes out with its exact Content-Length, as the cluster sent it,
 * not chunked.
 */
import { send } from '../support/http-client';
import { respondWith } from '../support/upstream-stub';
import { headerPairs, useSniffProxyWithStub } from '../proxy/support/sniff-proxy';

const { stub, proxy } = useSniffProxyWithStub();

function manyNodes(count: number): string {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    nodes[`node-${i}`] = {
      name: `es-${i}`,
      attributes: { rack: `r${i % 7}`, padding: 'x'.repeat(400) },
      http: { bound_address: [`10.0.${i >> 8}.${i & 255}:9200`], publish_address: `10.0.${i >> 8}.${i & 255}:9200` },
    };
  }
  return JSON.stringify({ _nodes: { total: count, successful: count, failed: 0 }, cluster_name: 'big', nodes });
}

it('a rewritten answer of 1.5 MiB carries its exact Content-Length and no Transfer-Encoding', async () => {
  const original = manyNodes(3_000);
  expect(original.length).toBeGreaterThan(1.5 * 1024 * 1024);
  stub().respond(respondWith(200, ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(original))], original));
  const answer = await send(proxy().port, { path: '/_nodes/http' });
  expect(answer.status).toBe(200);
  const head = headerPairs(answer.rawHeaders);
  expect(head.find(([name]) => name === 'transfer-encoding')).toBeUndefined();
  expect(head.filter(([name]) => name === 'content-length')).toEqual([['content-length', String(answer.bytes.length)]]);
  const nodes = (JSON.parse(answer.bytes.toString('utf8')) as { nodes: Record<string, { http: { publish_address: string } }> }).nodes;
  expect(new Set(Object.values(nodes).map((n) => n.http.publish_address))).toEqual(new Set(['proxy.example.com:9201']));
  expect(proxy().rewritten).toEqual([3_000]);
});
