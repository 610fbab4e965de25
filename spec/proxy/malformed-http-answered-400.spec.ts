import { useProxyWithStub } from './support/proxy-with-stub';
import { sendRaw } from '../support/http-client';

describe('malformed HTTP is answered 400 and the connection closed', () => {
  const { stub, proxy } = useProxyWithStub();

  it.each([
    ['a broken request line', 'GARBAGE\r\n\r\n'],
    ['a header without colon', 'GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'],
    ['conflicting framing', 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'],
  ])('%s', async (_name, bytes) => {
    const raw = (await sendRaw(proxy().port, bytes)).toString('latin1');
    expect(raw).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    expect(stub().requests).toHaveLength(0);
  });
});
