import * as net from 'node:net';
import { respondJson, startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';
import { startProxy, type RunningProxy } from './support/proxy-harness';
import { send } from '../support/http-client';

/** A port nothing listens on (reserved by binding, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('an unreachable cluster gives an Elasticsearch-shaped 502, and the proxy recovers', () => {
  let port: number;
  let proxy: RunningProxy;
  let stub: UpstreamStub | undefined;
  beforeAll(async () => {
    port = await freePort();
    proxy = await startProxy({ upstreamUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await proxy.close();
    await stub?.close();
  });

  it('answers 502 with the UpstreamUnavailableError body while the cluster is down', async () => {
    const answer = await send(proxy.port, { path: '/_cluster/health' });
    expect(answer.status).toBe(502);
    expect(answer.statusMessage).toBe('Bad Gateway');
    const headers = answer.rawHeaders.map((h) => h.toLowerCase());
    expect(headers).toEqual(expect.arrayContaining(['content-type', 'application/json']));
    // The proxy made this answer: it does not claim to be Elasticsearch.
    expect(headers).not.toContain('x-elastic-product');
    expect(JSON.parse(answer.bytes.toString())).toEqual({
      error: {
        root_cause: [
          {
            type: 'model_alias_guard_upstream_exception',
            reason: 'model-alias-guard could not reach the Elasticsearch cluster: connection refused',
          },
        ],
        type: 'model_alias_guard_upstream_exception',
        reason: 'model-alias-guard could not reach the Elasticsearch cluster: connection refused',
      },
      status: 502,
    });
    expect(proxy.upstreamErrors.length).toBeGreaterThan(0);
  });

  it('answers 502 to a request whose body is still arriving', async () => {
    const body = Buffer.alloc(64 * 1024, 0x61);
    const answer = await send(proxy.port, {
      method: 'POST',
      path: '/_bulk',
      headers: ['Host', 'x', 'Content-Type', 'application/x-ndjson', 'Content-Length', String(body.length)],
      body,
    });
    expect(answer.status).toBe(502);
  });

  it('answers HEAD with a bodiless 502', async () => {
    const answer = await send(proxy.port, { method: 'HEAD', path: '/idx' });
    expect(answer.status).toBe(502);
    expect(answer.bytes.length).toBe(0);
  });

  it('forwards again as soon as the cluster is back', async () => {
    stub = await startUpstreamStub({ port, responder: respondJson(200, { status: 'green' }) });
    const answer = await send(proxy.port, { path: '/_cluster/health' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.bytes.toString())).toEqual({ status: 'green' });
  });
});
