/**
 * A kept-alive connection the cluster closes just as the proxy reuses it: an
 * idempotent request with nothing of its answer arrived is sent once more on
 * a fresh connection (stale-connection-retry.ts); a POST or a streamed body is
 * never sent twice.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import type { Responder } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';

/**
 * The worst moment, every time: a connection serves one request; the next
 * request that arrives on it finds it closed (destroyed unanswered, as by an
 * idle timeout that fired as the request was written).
 */
function closeEveryReusedConnection(): Responder {
  const served = new WeakSet<Socket>();
  return (req, res) => {
    if (served.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    served.add(req.socket);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, ['content-type', 'application/json', 'content-length', '11']);
      res.end('{"ok":true}');
    });
  };
}

function get(agent: http.Agent, port: number, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a stale kept-alive connection to the cluster', () => {
  const { stub, proxy } = useProxyWithStub({ stub: { responder: closeEveryReusedConnection() } });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  afterAll(() => agent.destroy());
  beforeEach(() => {
    proxy().upstreamRetries.length = 0;
    proxy().upstreamErrors.length = 0;
  });

  /** Leaves one served, idle connection in the forwarder's pool: the next request reuses it. */
  async function leaveServedIdleConnection(): Promise<void> {
    for (let i = 0; i < 2; i++) {
      const retriesBefore = proxy().upstreamRetries.length;
      await get(agent, proxy().port, 'GET', '/warm');
      // Not retried: it went on a fresh connection of the pool, which now waits idle.
      if (proxy().upstreamRetries.length === retriesBefore) break;
    }
    proxy().upstreamRetries.length = 0;
  }

  it('300 back-to-back GETs and HEADs: no 502, each reused connection retried once on a fresh one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push(await get(agent, proxy().port, i % 10 === 9 ? 'HEAD' : 'GET', `/logs/_doc/${i}`));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(proxy().upstreamErrors).toEqual([]);
    // Every request after the first meets a reused connection at least every other time.
    expect(proxy().upstreamRetries.length).toBeGreaterThanOrEqual(100);
    expect(proxy().upstreamRetries.length).toBeLessThanOrEqual(300);
  }, 30_000);

  it('a POST is never sent twice: 502 when its connection is lost', async () => {
    await leaveServedIdleConnection();
    const before = stub().requests.length;
    const status = await get(agent, proxy().port, 'POST', '/_ml/trained_models/m/deployment/_stop');
    expect(status).toBe(502);
    expect(stub().requests.length - before).toBe(1);
    expect(proxy().upstreamRetries).toHaveLength(0);
  });

  it('a streamed body is never sent twice, even for PUT', async () => {
    await leaveServedIdleConnection();
    const before = stub().requests.length;
    const status = await get(agent, proxy().port, 'PUT', '/logs/_doc/1', '{"a":1}');
    expect(status).toBe(502);
    expect(stub().requests.length - before).toBe(1);
    expect(proxy().upstreamRetries).toHaveLength(0);
  });
});
