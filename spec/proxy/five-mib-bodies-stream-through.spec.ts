import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { respondEcho } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

const FIVE_MIB = 5 * 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('5 MiB uploads and downloads stream through', () => {
  const { stub, proxy } = useProxyWithStub({ stub: { responder: respondEcho() } });

  it('relays a 5 MiB chunked upload and the 5 MiB echoed answer byte for byte', async () => {
    const payload = randomBytes(FIVE_MIB);
    // 64 KiB pieces: the proxy must relay while the client is still writing.
    const pieces = Array.from({ length: FIVE_MIB / 65536 }, (_, i) => payload.subarray(i * 65536, (i + 1) * 65536));
    const answer = await send(proxy().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Transfer-Encoding', 'chunked'],
      body: Readable.from(pieces),
    });
    expect(answer.status).toBe(200);
    expect(answer.bytes.length).toBe(FIVE_MIB);
    expect(sha(answer.bytes)).toBe(sha(payload));
    expect(sha(await (await stub().nextRequest()).bodyDone)).toBe(sha(payload));
  });

  it('relays a 5 MiB Content-Length upload byte for byte', async () => {
    const payload = randomBytes(FIVE_MIB);
    const answer = await send(proxy().port, {
      method: 'PUT',
      path: '/_snapshot/repo/blob',
      headers: ['Host', 'x', 'Content-Type', 'application/octet-stream', 'Content-Length', String(FIVE_MIB)],
      body: payload,
    });
    expect(sha(answer.bytes)).toBe(sha(payload));
  });
});
