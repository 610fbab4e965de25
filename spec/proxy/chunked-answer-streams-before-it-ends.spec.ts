import { respondChunked } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { open } from '../support/http-client';

describe('a chunked answer streams to the client chunk by chunk', () => {
  const { stub, proxy } = useProxyWithStub();

  it('delivers each chunk while the cluster is still holding the rest back', async () => {
    // The cluster sends chunk i only after the client has seen chunk i-1: the
    // answer can only complete if the proxy flushes every chunk as it comes.
    const chunks = ['{"n":0}\n', '{"n":1}\n', '{"n":2}\n'];
    const seenByClient: string[] = [];
    const clientSaw: Array<() => void> = [];
    const clientSees = chunks.map((_, i) => new Promise<void>((resolve) => (clientSaw[i] = resolve)));
    stub().respond(respondChunked(chunks, { before: (i) => (i === 0 ? Promise.resolve() : clientSees[i - 1]) }));

    const { req, response } = open(proxy().port, { path: '/_cat/indices' });
    req.end();
    const res = await response;
    expect(res.headers['transfer-encoding']).toBe('chunked');
    res.on('data', (chunk: Buffer) => {
      seenByClient.push(chunk.toString());
      const joined = seenByClient.join('');
      chunks.forEach((_, i) => {
        if (joined.length >= chunks.slice(0, i + 1).join('').length) clientSaw[i]();
      });
    });
    await new Promise((resolve) => res.on('end', resolve));
    expect(seenByClient.join('')).toBe(chunks.join(''));
  });
});
