import { respondWith } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send, sendRaw } from '../support/http-client';

describe('HEAD, 204 and 304 answers carry no body', () => {
  const { stub, proxy } = useProxyWithStub();

  it('relays HEAD with the Content-Length of the GET and no body', async () => {
    stub().respond(respondWith(200, ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-length', '1234']));
    const raw = await sendRaw(proxy().port, 'HEAD /my-index HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const text = raw.toString('latin1');
    expect(text.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(text).toContain('\r\ncontent-length: 1234\r\n');
    expect(text.endsWith('\r\n\r\n')).toBe(true); // nothing after the head
    expect((await stub().nextRequest()).method).toBe('HEAD');
  });

  it('keeps the upstream connection alive across HEAD requests', async () => {
    stub().respond(respondWith(404, ['content-length', '0']));
    const before = stub().connections.length;
    for (let i = 0; i < 3; i++) {
      const answer = await send(proxy().port, { method: 'HEAD', path: '/missing' });
      expect(answer.status).toBe(404);
    }
    expect(stub().connections.length - before).toBeLessThanOrEqual(1);
  });

  it.each([204, 304])('relays %d without a body', async (status) => {
    stub().respond(respondWith(status, ['ETag', '"abc"']));
    const raw = await sendRaw(proxy().port, 'GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const text = raw.toString('latin1');
    expect(text.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(text).toContain('\r\nETag: "abc"\r\n');
    expect(text.toLowerCase()).not.toContain('transfer-encoding');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });
});
