import { delay, respondJson, startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';
import { startProxy, type RunningProxy } from './support/proxy-harness';
import { send } from '../support/http-client';

describe('the proxy cuts slow cluster calls only when a timeout is configured', () => {
  let stub: UpstreamStub;
  const slowly = async (...args: Parameters<ReturnType<typeof respondJson>>) => {
    await delay(2_500);
    return respondJson(200, { done: true })(...args);
  };
  beforeAll(async () => {
    stub = await startUpstreamStub({ responder: slowly });
  });
  afterAll(async () => {
    await stub.close();
  });

  it('with upstreamTimeoutMs 0 (default) a slow answer is waited for', async () => {
    const proxy: RunningProxy = await startProxy({ upstreamUrl: stub.url });
    try {
      const answer = await send(proxy.port, { path: '/_ml/trained_models/m/deployment/_start?wait_for=started' });
      expect(answer.status).toBe(200);
    } finally {
      await proxy.close();
    }
  });

  // undici's timers tick every ~0.5 s, so the cut comes within about a second.
  it('with upstreamTimeoutMs set, no answer head in time gives 502', async () => {
    const proxy: RunningProxy = await startProxy({ upstreamUrl: stub.url, forwarder: { upstreamTimeoutMs: 200 } });
    try {
      const answer = await send(proxy.port, { path: '/slow' });
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.bytes.toString()).error.reason).toBe(
        'model-alias-guard could not reach the Elasticsearch cluster: no answer within 200 ms',
      );
    } finally {
      await proxy.close();
    }
  });
});
