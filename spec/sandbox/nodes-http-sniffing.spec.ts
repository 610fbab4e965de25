/** _nodes/http forms used for sniffing; publish_address is the sandbox's own host:port. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

describe('_nodes http', () => {
  const sb = useSandbox();
  const self = (): string => new URL(sb().url).host;

  it.each(['/_nodes/http', '/_nodes/_all/http', '/_nodes', '/_nodes/_local/http'])('serves %s with the own publish_address', async (p) => {
    const r = await raw(sb().url, 'GET', p);
    expect(r.status).toBe(200);
    const nodes = Object.values(r.json.nodes) as Array<{ http: { publish_address: string } }>;
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.http.publish_address).toBe(self());
  });

  it('honours filter_path', async () => {
    const r = await raw(sb().url, 'GET', '/_nodes/http?filter_path=nodes.*.http.publish_address');
    expect(Object.values(r.json.nodes)).toEqual([{ http: { publish_address: self() } }]);
    expect(r.json).not.toHaveProperty('_nodes');
  });

  it('answers an unknown node id with no nodes', async () => {
    const r = await raw(sb().url, 'GET', '/_nodes/other-node/http');
    expect(r.json.nodes).toEqual({});
  });

  it('serves _cluster/health green', async () => {
    const r = await raw(sb().url, 'GET', '/_cluster/health?wait_for_status=yellow&timeout=1s');
    expect(r.json.status).toBe('green');
    expect(r.json.number_of_nodes).toBe(1);
  });
});
