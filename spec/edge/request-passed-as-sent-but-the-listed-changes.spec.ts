/**
 * What nginx (generated edge configuration) does to a passthrough REQUEST,
 * as the README lists it under "Beside your nginx": the target, every header
 * (names as spelled, underscores, duplicates, order, Host) and the body bytes
 * arrive as the client sent them, except: `Connection` is not forwarded (nor
 * `Keep-Alive`, `TE`, `Upgrade`, `Expect`); `Content-Length` (or
 * `Transfer-Encoding: chunked`) is re-emitted right after `Host`; a chunked
 * body is re-framed (same bytes, other chunk boundaries, trailers dropped);
 * headers named in `Connection` are NOT removed.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { respondJson } from '../support/upstream-stub';
import { send, sendRaw } from '../support/http-client';
import { useNginxWithStubs } from './support/nginx-with-stubs';
import { describeWithNginx } from './support/nginx';

const edge = useNginxWithStubs();

describeWithNginx('a passthrough request through the edge', () => {
  beforeEach(() => edge.cluster().respond(respondJson(200, { ok: true })));

  it('keeps target, header names, underscores, duplicates, order and Host; drops only the hop-by-hop fields', async () => {
    const body = randomBytes(64 * 1024);
    const answer = await send(edge.nginx().port, {
      method: 'POST',
      path: '/logs-a/_doc/./x//y?q=a%20b&routing=%2F',
      headers: [
        'Host', 'Client.Example:9200', 'x_opaque_id', 'u1', 'X-Dup', 'a', 'authorization', 'ApiKey abc', 'X-Dup', 'b',
        'TE', 'trailers', 'Keep-Alive', 'timeout=5', 'Upgrade', 'h2c', 'Connection', 'keep-alive, X-Hop', 'X-Hop', 'h',
        'content-type', 'application/octet-stream', 'Content-Length', String(body.length),
      ],
      body,
    });
    expect(answer.status).toBe(200);
    const seen = await edge.cluster().nextRequest();
    expect(seen.url).toBe('/logs-a/_doc/./x//y?q=a%20b&routing=%2F');
    expect(seen.httpVersion).toBe('1.1');
    expect(seen.rawHeaders).toEqual([
      'Host', 'Client.Example:9200',
      'Content-Length', String(body.length),
      'x_opaque_id', 'u1', 'X-Dup', 'a', 'authorization', 'ApiKey abc', 'X-Dup', 'b',
      'X-Hop', 'h',
      'content-type', 'application/octet-stream',
    ]);
    expect((await seen.bodyDone).equals(body)).toBe(true);
    expect(edge.guard().requests).toHaveLength(0);
  });

  it('re-frames a chunked body: the same bytes arrive, chunked, trailers dropped', async () => {
    const parts = [randomBytes(1000), randomBytes(70_000), randomBytes(3)];
    const answer = await send(edge.nginx().port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'h', 'content-type', 'application/x-ndjson', 'Transfer-Encoding', 'chunked'],
      body: Readable.from(parts),
    });
    expect(answer.status).toBe(200);
    const seen = await edge.cluster().nextRequest();
    expect(seen.rawHeaders).toEqual(['Host', 'h', 'Transfer-Encoding', 'chunked', 'content-type', 'application/x-ndjson']);
    expect((await seen.bodyDone).equals(Buffer.concat(parts))).toBe(true);
  });

  it('answers Expect: 100-continue itself and does not forward Expect', async () => {
    const raw = await sendRaw(
      edge.nginx().port,
      'PUT /i/_doc/1 HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
    expect(raw.toString('latin1')).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    const seen = await edge.cluster().nextRequest();
    expect(seen.rawHeaders).toEqual(['Host', 'h', 'Content-Length', '2', 'Content-Type', 'application/json']);
  });

  it('sends an absolute-form target as its path (origin form)', async () => {
    await sendRaw(edge.nginx().port, 'GET http://elsewhere:9200/logs-a/_search?q=x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    const seen = await edge.cluster().nextRequest();
    expect(seen.url).toBe('/logs-a/_search?q=x');
  });
});
