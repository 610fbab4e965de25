/**
 * gzip through the edge, both ways: a gzip request body reaches the cluster
 * with its `Content-Encoding` and the same compressed bytes; a gzip answer
 * reaches the client compressed, byte for byte (nginx neither decompresses
 * nor recompresses: `gzip off`, `gunzip off`).
 */
import { gzipSync } from 'node:zlib';
import { respondGzip, respondJson } from '../support/upstream-stub';
import { send } from '../support/http-client';
import { useNginxWithStubs } from './support/nginx-with-stubs';
import { describeWithNginx } from './support/nginx';

const edge = useNginxWithStubs();
const ndjson = Array.from({ length: 2000 }, (_, i) => `{"index":{}}\n{"n":${i},"text":"hello hello hello"}\n`).join('');

describeWithNginx('gzip through the edge', () => {
  it('forwards a gzip request body as sent', async () => {
    edge.cluster().respond(respondJson(200, { errors: false }));
    const compressed = gzipSync(ndjson);
    const answer = await send(edge.nginx().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'h', 'Content-Type', 'application/x-ndjson', 'Content-Encoding', 'gzip', 'Content-Length', String(compressed.length)],
      body: compressed,
    });
    expect(answer.status).toBe(200);
    const seen = await edge.cluster().nextRequest();
    expect(seen.rawHeaders).toContain('Content-Encoding');
    expect((await seen.bodyDone).equals(compressed)).toBe(true);
  });

  it('relays a gzip answer compressed, byte for byte', async () => {
    const { responder, sent } = respondGzip(ndjson, 'application/x-ndjson');
    edge.cluster().respond(responder);
    const answer = await send(edge.nginx().port, { path: '/logs/_search', headers: ['Host', 'h', 'Accept-Encoding', 'gzip'] });
    const seen = await edge.cluster().nextRequest();
    expect(seen.rawHeaders).toEqual(['Host', 'h', 'Accept-Encoding', 'gzip']);
    expect(answer.rawHeaders).toEqual(expect.arrayContaining(['content-encoding', 'gzip']));
    expect(answer.bytes.equals(sent)).toBe(true);
  });

  it('compresses nothing itself when the cluster answers plain', async () => {
    edge.cluster().respond(respondJson(200, { big: ndjson }));
    const answer = await send(edge.nginx().port, { path: '/logs/_search', headers: ['Host', 'h', 'Accept-Encoding', 'gzip'] });
    expect(answer.rawHeaders.map((h) => h.toLowerCase())).not.toContain('content-encoding');
    expect(JSON.parse(answer.bytes.toString('utf8'))).toEqual({ big: ndjson });
  });
});
