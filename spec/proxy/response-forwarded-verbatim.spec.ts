import { respondWith } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { pairs, send } from '../support/http-client';

describe('the cluster answer reaches the client as sent', () => {
  const { stub, proxy } = useProxyWithStub();

  it('keeps status, reason phrase, header spelling, order, duplicates and body bytes', async () => {
    const body = Buffer.from('{"error":{"type":"x"},"status":409}\u00ff', 'latin1');
    const oddBytes = Buffer.from([0x76, 0xe9, 0x80]).toString('latin1');
    stub().respond(
      respondWith(
        409,
        [
          'X-elastic-product', 'Elasticsearch',
          'Warning', '299 Elasticsearch-8.15.0-abc "first"',
          'content-type', 'application/json',
          'Warning', '299 Elasticsearch-8.15.0-abc "second"',
          'Set-Cookie', 'a=1',
          'set-cookie', 'b=2',
          'X-Bytes', oddBytes,
          'Keep-Alive', 'timeout=99',
          'content-length', String(body.length),
        ],
        body,
        'Conflict Of Sorts',
      ),
    );
    const answer = await send(proxy().port, { method: 'PUT', path: '/idx/_create/1', body: '' });
    expect(answer.status).toBe(409);
    expect(answer.statusMessage).toBe('Conflict Of Sorts');
    expect(answer.bytes.equals(body)).toBe(true);
    const relayed = pairs(answer.rawHeaders).filter(([name]) => !['connection', 'keep-alive', 'date'].includes(name.toLowerCase()));
    expect(relayed).toEqual([
      ['X-elastic-product', 'Elasticsearch'],
      ['Warning', '299 Elasticsearch-8.15.0-abc "first"'],
      ['content-type', 'application/json'],
      ['Warning', '299 Elasticsearch-8.15.0-abc "second"'],
      ['Set-Cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['X-Bytes', oddBytes],
      ['content-length', String(body.length)],
    ]);
    // The cluster's Keep-Alive is its own hop's.
    expect(answer.rawHeaders).not.toContain('timeout=99');
    // RFC 9110 §6.6.1: a proxy forwarding an answer without Date adds one.
    expect(answer.rawHeaders.filter((h) => h.toLowerCase() === 'date')).toHaveLength(1);
  });

  it("keeps the cluster's own Date and adds none", async () => {
    const date = 'Tue, 01 Jan 2030 00:00:00 GMT';
    stub().respond(respondWith(200, ['Date', date, 'content-length', '0']));
    const answer = await send(proxy().port, { path: '/' });
    expect(pairs(answer.rawHeaders).filter(([name]) => name.toLowerCase() === 'date')).toEqual([['Date', date]]);
  });
});
