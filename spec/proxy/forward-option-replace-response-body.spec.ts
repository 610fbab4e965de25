import type * as http from 'node:http';
import { Transform } from 'node:stream';
import { respondChunked } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

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

  it('sends the replacement with its own exact Content-Length (the cluster one no longer applies)', async () => {
    const answer = await send(proxy().port, { path: '/x' });
    const body = answer.bytes.toString();
    expect(body).toMatch(/^ABC!?DEF!$/);
    const lower = answer.rawHeaders.map((h) => h.toLowerCase());
    expect(lower[lower.indexOf('content-length') + 1]).toBe(String(Buffer.byteLength(body)));
    expect(lower).not.toContain('transfer-encoding');
    expect(answer.rawHeaders).toEqual(expect.arrayContaining(['content-type', 'text/plain']));
  });
});
