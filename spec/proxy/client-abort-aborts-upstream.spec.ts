import { PassThrough } from 'node:stream';
import { respondChunked, respondJson, respondNever } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { open, send } from '../support/http-client';
import { waitUntil } from '../support/wait-until';

describe('a client abort aborts the upstream request', () => {
  const { stub, proxy } = useProxyWithStub({ proxy: { forwarder: { connections: 2 } } });

  it('closes the upstream request when the client leaves while waiting for the answer', async () => {
    stub().respond(respondNever());
    const { req } = open(proxy().port, { path: '/_ml/trained_models/_stats?wait=long' });
    req.on('error', () => undefined);
    req.end();
    const seen = await stub().nextRequest();
    req.destroy();
    await expect(seen.responseClosed).resolves.toEqual({ finished: false });
    await seen.connection.closed;
    expect(proxy().upstreamErrors).toEqual([]); // a client abort is not a cluster failure
  });

  it('closes the upstream request when the client leaves mid-answer', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    stub().respond(respondChunked(['first\n', 'never\n'], { before: (i) => (i === 1 ? held : Promise.resolve()) }));
    const { req, response } = open(proxy().port, { path: '/_search/scroll' });
    req.on('error', () => undefined);
    req.end();
    const res = await response;
    res.on('error', () => undefined);
    await new Promise((resolve) => res.once('data', resolve));
    const seen = await stub().nextRequest();
    res.destroy();
    await expect(seen.responseClosed).resolves.toEqual({ finished: false });
    release();
  });

  it('closes the upstream request when the client leaves mid-upload', async () => {
    stub().respond(respondJson(200, {}));
    const upload = new PassThrough();
    const { req } = open(proxy().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Content-Length', '100000'],
      body: upload,
    });
    req.on('error', () => undefined);
    upload.write(Buffer.alloc(1000, 0x61));
    const seen = await stub().nextRequest();
    await waitUntil('the first 1000 body bytes upstream', () => seen.body().length === 1000);
    req.destroy();
    await expect(seen.bodyDone).rejects.toThrow('aborted');
    await seen.connection.closed;
  }, 10_000);

  it('leaves the pool healthy: later requests are answered on fresh connections', async () => {
    stub().respond(respondJson(200, { ok: true }));
    for (let i = 0; i < 5; i++) {
      const answer = await send(proxy().port, { path: `/after-abort/${i}` });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.bytes.toString())).toEqual({ ok: true });
    }
  });
});
