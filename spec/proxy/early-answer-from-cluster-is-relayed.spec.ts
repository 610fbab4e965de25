/**
 * When the cluster answers before the request body is in full (Elasticsearch:
 * 413 over `http.max_content_length`, then it closes, docs §8.2), the client
 * gets that answer as the cluster wrote it, with `Connection: close`, and the
 * proxy closes the client connection after it, so the next request goes on
 * a fresh one.
 */
import * as http from 'node:http';
import { Readable } from 'node:stream';
import type { Responder } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';

const LIMIT_BYTES = 1024 * 1024;
const TOO_LARGE_BODY = '{"error":{"root_cause":[{"type":"content_too_long_exception","reason":"too long"}],"type":"content_too_long_exception","reason":"too long"},"status":413}';

/**
 * As Elasticsearch over `http.max_content_length`: 413 at once, unread body, then the connection is
 * closed. (Elasticsearch's own 413 has an empty body; this one carries one so its relay is checked too.)
 */
function respondTooLargeThenClose(): Responder {
  return (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > LIMIT_BYTES) {
      res.writeHead(413, ['X-elastic-product', 'Elasticsearch', 'content-type', 'application/json', 'content-length', String(TOO_LARGE_BODY.length)]);
      res.end(TOO_LARGE_BODY, () => req.socket.destroy());
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, ['content-type', 'application/json', 'content-length', '11']);
      res.end('{"ok":true}');
    });
  };
}

/** A body of `size` bytes written in 64 KiB chunks as the socket takes them. */
function bigBody(size: number): Readable {
  let left = size;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(chunk.subarray(0, n));
    },
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  socketId: number;
}

function request(agent: http.Agent, port: number, method: string, path: string, body?: Readable, length?: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
    if (length !== undefined) headers['content-length'] = String(length);
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), socketId: socketIds.get(req.socket!) ?? -1 }),
      );
      res.on('error', reject);
    });
    req.on('socket', (socket) => {
      if (!socketIds.has(socket)) socketIds.set(socket, socketIds.size + 1);
    });
    // A write error after the answer arrived is the expected end of an upload the server refused.
    req.on('error', reject);
    if (body) {
      body.pipe(req);
      body.on('error', () => undefined);
    } else req.end();
  });
}
const socketIds = new Map<object, number>();

describe('an early answer from the cluster', () => {
  const { stub, proxy } = useProxyWithStub({ stub: { responder: respondTooLargeThenClose() } });

  it('is relayed with Connection: close, and the next request on the same agent goes on a fresh connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let attempt = 0; attempt < 10; attempt++) {
        const size = 3 * LIMIT_BYTES;
        const early = await request(agent, proxy().port, 'POST', '/_bulk', bigBody(size), size);
        expect({ attempt, status: early.status, body: early.body }).toEqual({ attempt, status: 413, body: TOO_LARGE_BODY });
        expect(early.headers['x-elastic-product']).toBe('Elasticsearch');
        expect(early.headers.connection).toBe('close');
        const next = await request(agent, proxy().port, 'GET', '/_cluster/health');
        expect({ attempt, status: next.status, body: next.body }).toEqual({ attempt, status: 200, body: '{"ok":true}' });
        expect(next.socketId).not.toBe(early.socketId);
      }
    } finally {
      agent.destroy();
    }
    expect(proxy().upstreamErrors).toEqual([]);
    expect(stub().requests.length).toBeGreaterThanOrEqual(20);
  }, 30_000);
});
