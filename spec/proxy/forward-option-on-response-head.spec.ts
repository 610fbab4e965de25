import type * as http from 'node:http';
import { respondWith, startUpstreamStub, type UpstreamStub } from '../support/upstream-stub';
import { startProxy, type RunningProxy } from './support/proxy-harness';
import { pairs, send } from './support/client';

describe('ForwardOptions.onResponseHead may add headers before the head is written', () => {
  let stub: UpstreamStub;
  let proxy: RunningProxy;
  const seenByHook: Array<{ status: number; headers: Record<string, string | string[]> }> = [];
  beforeAll(async () => {
    stub = await startUpstreamStub({
      responder: respondWith(200, ['X-elastic-product', 'Elasticsearch', 'Warning', '299 Elasticsearch "a"', 'content-length', '2'], '{}'),
    });
    proxy = await startProxy<true>({
      upstreamUrl: stub.url,
      matchGuarded: () => true,
      handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse) =>
        void proxy.forwarder.forward(req, res, {
          onResponseHead: (status, headers) => {
            seenByHook.push({ status, headers: { ...headers } });
            const existing = headers.Warning;
            const warnings = Array.isArray(existing) ? existing : existing ? [existing] : [];
            return { ...headers, Warning: [...warnings, '299 model-alias-guard "checked"'] };
          },
        }),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await stub.close();
  });

  it('shows the hook the end-to-end headers and writes what it returns', async () => {
    const answer = await send(proxy.port, { path: '/x' });
    expect(seenByHook).toEqual([
      { status: 200, headers: { 'X-elastic-product': 'Elasticsearch', Warning: '299 Elasticsearch "a"', 'content-length': '2' } },
    ]);
    expect(pairs(answer.rawHeaders).filter(([n]) => n === 'Warning')).toEqual([
      ['Warning', '299 Elasticsearch "a"'],
      ['Warning', '299 model-alias-guard "checked"'],
    ]);
    expect(answer.body.toString()).toBe('{}');
  });
});
