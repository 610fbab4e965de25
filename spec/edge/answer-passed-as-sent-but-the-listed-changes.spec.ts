/**
 * What nginx (generated edge configuration) does to a passthrough ANSWER, as
 * the README lists it: status line, every header (spelling, duplicates,
 * order, `Server`, `Date`, `Location`, caching and `X-Accel-*` fields) and
 * the body bytes arrive as the cluster sent them, except: `Content-Type` and
 * `Content-Length` move to the top, spelled so; `Connection` is nginx's own (its answer to the client's own `Connection`)
 * (the cluster's `Connection` and `Keep-Alive` are dropped); headers named in
 * `Connection` are NOT removed; nginx adds no `Server` or `Date` of its own.
 */
import { randomBytes } from 'node:crypto';
import { respondWith } from '../support/upstream-stub';
import { send } from '../support/http-client';
import { useNginxWithStubs } from './support/nginx-with-stubs';
import { describeWithNginx } from './support/nginx';

const edge = useNginxWithStubs();

describeWithNginx('a passthrough answer through the edge', () => {
  it('keeps status, headers and body bytes; moves Content-Type and Content-Length up; Connection is nginx\'s own', async () => {
    const body = randomBytes(200 * 1024);
    edge.cluster().respond(
      respondWith(201, [
        'X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'Location', '/i/_doc/1',
        'X-Dup', 'a', 'X-Dup', 'b', 'x_under', '1', 'Keep-Alive', 'timeout=5', 'Connection', 'keep-alive, X-Hop', 'X-Hop', 'h',
        'Set-Cookie', 'a=1', 'Vary', 'Accept', 'Etag', '"e"', 'Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT',
        'X-Accel-Buffering', 'yes', 'Cache-Control', 'no-cache', 'Server', 'cluster', 'Date', 'Wed, 21 Oct 2015 07:28:00 GMT',
        'content-length', String(body.length),
      ], body, 'Made It'),
    );
    const answer = await send(edge.nginx().port, {
      method: 'PUT',
      path: '/i/_doc/1',
      // Conditional and range fields must not make nginx answer 304/412/206 itself.
      headers: ['Host', 'h', 'If-None-Match', '"e"', 'If-Match', '"zz"', 'If-Modified-Since', 'Wed, 21 Oct 2030 07:28:00 GMT', 'Range', 'bytes=0-0'],
    });
    expect(answer.status).toBe(201);
    expect(answer.statusMessage).toBe('Made It');
    expect(answer.rawHeaders).toEqual([
      'Content-Type', 'application/json', 'Content-Length', String(body.length), 'Connection', 'close',
      'X-elastic-product', 'Elasticsearch', 'Location', '/i/_doc/1', 'X-Dup', 'a', 'X-Dup', 'b', 'x_under', '1', 'X-Hop', 'h',
      'Set-Cookie', 'a=1', 'Vary', 'Accept', 'Etag', '"e"', 'Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT',
      'X-Accel-Buffering', 'yes', 'Cache-Control', 'no-cache', 'Server', 'cluster', 'Date', 'Wed, 21 Oct 2015 07:28:00 GMT',
    ]);
    expect(answer.bytes.equals(body)).toBe(true);
  });

  it('adds no Server, Date or Content-Type the cluster did not send', async () => {
    edge.cluster().respond((_req, res) => {
      res.sendDate = false;
      res.writeHead(200, ['X-elastic-product', 'Elasticsearch', 'content-length', '0']);
      res.end();
    });
    const answer = await send(edge.nginx().port, { path: '/', headers: ['Host', 'h'] });
    expect(answer.rawHeaders).toEqual(['Content-Length', '0', 'Connection', 'close', 'X-elastic-product', 'Elasticsearch']);
  });
});
