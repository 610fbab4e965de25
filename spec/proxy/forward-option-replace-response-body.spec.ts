import type * as http from 'node:http';
import { Transform } from 'node:stream';
import { respondChunked, startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';
import { startProxy, type RunningProxy } from './support/proxy-harness';
import { send } from './support/client';

describe('ForwardOptions.replaceResponseBody swaps the body stream', () => {
  let stub: UpstreamStub;
  let proxy: RunningProxy;
  beforeAll(async () => {
    stub = await startUpstreamStub({
      responder: respondChunked(['abc', 'def'], { headers: ['content-type', 'text/plain', 'content-length', '6'] }),
    });
    proxy = await startProxy<true>({
      upstreamUrl: stub.url,
      matchGuarded: () => true,
      handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse) =>
        void proxy.forwarder.forward(req, res, {
          replaceResponseBody: (upstreamBody) =>
            upstreamBody.pipe(
              new Transform({
                transform(chunk: Buffer, _encoding, done) {
                  done(null, Buffer.from(chunk.toString().toUpperCase() + '!'));
                },
              }),
            ),
        }),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await stub.close();
  });

  it('sends the replacement, re-framed (the cluster Content-Length no longer applies)', async () => {
    const answer = await send(proxy.port, { path: '/x' });
    expect(answer.body.toString()).toMatch(/^ABC!?DEF!$/);
    expect(answer.rawHeaders.map((h) => h.toLowerCase())).not.toContain('content-length');
    expect(answer.rawHeaders).toEqual(expect.arrayContaining(['Transfer-Encoding', 'chunked', 'content-type', 'text/plain']));
  });
});
