import { respondJson } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { sendRaw } from '../support/http-client';
import * as net from 'node:net';

describe('Expect: 100-continue is answered by the proxy, not relayed', () => {
  const { stub, proxy } = useProxyWithStub({ stub: { responder: respondJson(200, { errors: false }) } });

  it('sends 100 Continue before the body, then relays body and answer; no Expect upstream', async () => {
    const socket = net.connect(proxy().port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.write('POST /_bulk HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    expect(Buffer.concat(received).toString()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    // Not end(): node's server drops a client that half-closes before its answer.
    socket.write('abcde');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Buffer.concat(received).toString()).toContain('HTTP/1.1 200 OK\r\n');
    const seen = await stub().nextRequest();
    expect((await seen.bodyDone).toString()).toBe('abcde');
    expect(seen.rawHeaders.map((h) => h.toLowerCase())).not.toContain('expect');
  });

  it('answers a request it refuses with the final status instead of 100', async () => {
    const raw = (await sendRaw(proxy().port, 'PUT * HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n')).toString();
    expect(raw.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    expect(raw).not.toContain('100 Continue');
  });
});
