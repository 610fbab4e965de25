/**
 * A chunked answer streams through the edge chunk by chunk
 * (`proxy_buffering off`): the cluster sends chunk i only after the client
 * has seen chunk i-1, so the answer can complete only if nginx flushes each.
 */
import { respondChunked } from '../support/upstream-stub';
import { open } from '../support/http-client';
import { useNginxWithStubs } from './support/nginx-with-stubs';
import { describeWithNginx } from './support/nginx';

const edge = useNginxWithStubs();

describeWithNginx('a chunked answer through the edge', () => {
  it('reaches the client chunk by chunk while the cluster holds the rest back', async () => {
    const chunks = ['{"n":0}\n', '{"n":1}\n', '{"n":2}\n'];
    const clientSaw: Array<() => void> = [];
    const clientSees = chunks.map((_, i) => new Promise<void>((resolve) => (clientSaw[i] = resolve)));
    edge.cluster().respond(respondChunked(chunks, { before: (i) => (i === 0 ? Promise.resolve() : clientSees[i - 1]!) }));
    const { req, response } = open(edge.nginx().port, { path: '/_cat/indices', headers: ['Host', 'h'] });
    req.end();
    const res = await response;
    expect(res.headers['transfer-encoding']).toBe('chunked');
    let seen = '';
    res.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      chunks.forEach((_, i) => {
        if (seen.length >= chunks.slice(0, i + 1).join('').length) clientSaw[i]!();
      });
    });
    await new Promise((resolve) => res.on('end', resolve));
    expect(seen).toBe(chunks.join(''));
  });
});
