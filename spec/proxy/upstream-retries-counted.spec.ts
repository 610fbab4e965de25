/** The whole proxy counts its stale-connection retries in `mag_upstream_retries_total`. */
import * as http from 'node:http';
import { Writable } from 'node:stream';
import type { Socket } from 'node:net';
import { startProxy, type RunningProxy } from '../../src/app/start-proxy';
import { createLogger } from '../../src/log/logger';
import { startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';
import { metricSum } from '../support/proxy-metrics';

describe('mag_upstream_retries_total', () => {
  let stub: UpstreamStub;
  let proxy: RunningProxy;
  beforeAll(async () => {
    const served = new WeakSet<Socket>();
    stub = await startUpstreamStub({
      // Each connection serves one request; the next one written on it finds it closed.
      responder: (req, res) => {
        if (served.has(req.socket)) return void req.socket.destroy();
        served.add(req.socket);
        res.writeHead(200, ['content-type', 'application/json', 'content-length', '2']);
        res.end('{}');
      },
    });
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    proxy = await startProxy(
      {
        ES_URL: stub.url, PROXY_HOST: '127.0.0.1', PROXY_PORT: 0, ADMIN_PORT: 0, UPSTREAM_TIMEOUT_MS: 0,
        METADATA_TIMEOUT_MS: 2_000, UPSTREAM_CONNECTIONS: 8, GUARD_MODE: 'enforce', STRICT_INPUT_FIELDS: false,
        STRICT_CAPACITY: false, SHUTDOWN_GRACE_MS: 500,
      },
      createLogger('info', quiet),
    );
  });
  afterAll(async () => {
    await proxy?.close();
    await stub?.close();
  });

  it('counts one retry per request sent again, and none gave 502', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          http.get(`${proxy.url}/logs/_doc/${i}`, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          }).on('error', reject);
        }),
      );
    }
    agent.destroy();
    expect(statuses.every((s) => s === 200)).toBe(true);
    const retries = await metricSum(proxy.adminUrl, 'mag_upstream_retries_total');
    expect(retries).toBeGreaterThanOrEqual(5);
    // 20 answers from the stub's fresh connections plus one unanswered request per retry
    // (the admin port's readiness probe also reaches the stub, on its own client).
    expect(stub.requests.filter((r) => r.url.startsWith('/logs/')).length).toBe(20 + retries);
    expect(await metricSum(proxy.adminUrl, 'mag_upstream_errors_total')).toBe(0);
  });
});
