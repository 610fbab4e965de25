import type * as http from 'node:http';
import { Transform } from 'node:stream';
import { respondChunked } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from './support/client';

describe('ForwardOptions.replaceResponseBody swaps the body stream', () => {
  const { proxy } = useProxyWithStub<true>({
    stub: {
      responder: respondChunked(['abc', 'def'], { headers: ['content-type', 'text/plain', 'content-length', '6'] }),
    },
    proxy: {
      matchGuarded: () => true,
      handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse) =>
        void proxy().forwarder.forward(req, res, {
          replaceResponseBody: (upstreamBody) =>
            upstreamBody.pipe(
              new Transform({
                transform(chunk: Buffer, _encoding, done) {
                  done(null, Buffer.from(chunk.toString().toUpperCase() + '!'));
                },
              }),
            ),
        }),
    },
  });

  it('sends the replacement, re-framed (the cluster Content-Length no longer applies)', async () => {
    const answer = await send(proxy().port, { path: '/x' });
    expect(answer.body.toString()).toMatch(/^ABC!?DEF!$/);
    expect(answer.rawHeaders.map((h) => h.toLowerCase())).not.toContain('content-length');
    expect(answer.rawHeaders).toEqual(expect.arrayContaining(['Transfer-Encoding', 'chunked', 'content-type', 'text/plain']));
  });
});
