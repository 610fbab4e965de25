import { respondHeadThenClose } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { sendRaw } from '../support/http-client';

describe('a cluster failure after the answer head cuts the client connection', () => {
  const { proxy } = useProxyWithStub({ stub: { responder: respondHeadThenClose('{"hits":', 1000) } });

  it('relays what arrived, then closes; never a second response', async () => {
    const raw = (await sendRaw(proxy().port, 'GET /idx/_search HTTP/1.1\r\nHost: x\r\n\r\n')).toString('latin1');
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(raw).toContain('\r\ncontent-length: 1000\r\n');
    expect(raw.endsWith('\r\n\r\n{"hits":')).toBe(true); // short of the declared length: the client sees the cut
    expect(raw.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    expect(proxy().upstreamErrors).toHaveLength(1);
  });
});
