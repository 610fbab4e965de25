/**
 * HEAD through the edge: sent upstream as HEAD (never turned into a GET),
 * the cluster's status and Content-Length relayed, no body.
 */

import { sendRaw } from '../support/http-client';
import { useNginxWithStubs } from './support/nginx-with-stubs';
import { describeWithNginx } from './support/nginx';

const edge = useNginxWithStubs();

describeWithNginx('HEAD through the edge', () => {
  it.each([200, 404])('relays a %d HEAD answer with its Content-Length and no body', async (status) => {
    edge.cluster().respond((_req, res) => {
      res.sendDate = false;
      res.writeHead(status, ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-length', '1234']);
      res.end();
    });
    const raw = (await sendRaw(edge.nginx().port, 'HEAD /logs-a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n')).toString('latin1');
    const seen = await edge.cluster().nextRequest();
    expect(seen.method).toBe('HEAD');
    expect(raw.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(raw).toContain('\r\nContent-Length: 1234\r\n');
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
  });
});
