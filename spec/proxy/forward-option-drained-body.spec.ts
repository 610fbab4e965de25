import type * as http from 'node:http';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

describe('ForwardOptions.body: a body the guard already drained is sent instead of req', () => {
  const { stub, proxy } = useProxyWithStub<true>({
    proxy: {
      matchGuarded: (method) => (method === 'PUT' ? true : null),
      handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => void proxy().forwarder.forward(req, res, { body: Buffer.concat(chunks) }));
      },
    },
  });

  it('sends the drained bytes with their own Content-Length, whatever the client framing was', async () => {
    const answer = await send(proxy().port, {
      method: 'PUT',
      path: '/_ml/trained_models/m/model_aliases/a',
      headers: ['Host', 'x', 'Content-Type', 'application/json', 'Transfer-Encoding', 'chunked'],
      body: Buffer.from('{"drained":true}'),
    });
    expect(answer.status).toBe(200);
    const seen = await stub().nextRequest();
    expect((await seen.bodyDone).toString()).toBe('{"drained":true}');
    expect(seen.rawHeaders).toEqual(['host', stub().url.slice('http://'.length), 'connection', 'keep-alive', 'Content-Type', 'application/json', 'content-length', '16']);
  });
});
