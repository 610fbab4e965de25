import type * as http from 'node:http';
import { respondWith } from '../support/upstream-stub';
import { useProxyWithStub } from './support/proxy-with-stub';
import { pairs, send } from '../support/http-client';

describe('ForwardOptions.onResponseHead may add headers before the head is written', () => {
  const seenByHook: Array<{ status: number; headers: Record<string, string | string[]> }> = [];
  const { proxy } = useProxyWithStub<true>({
    stub: {
      responder: respondWith(200, ['X-elastic-product', 'Elasticsearch', 'Warning', '299 Elasticsearch "a"', 'content-length', '2'], '{}'),
    },
    proxy: {
      matchGuarded: () => true,
      handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse) =>
        void proxy().forwarder.forward(req, res, {
          onResponseHead: (status, headers) => {
            seenByHook.push({ status, headers: { ...headers } });
            const existing = headers.Warning;
            const warnings = Array.isArray(existing) ? existing : existing ? [existing] : [];
            return { ...headers, Warning: [...warnings, '299 model-alias-guard "checked"'] };
          },
        }),
    },
  });

  it('shows the hook the end-to-end headers and writes what it returns', async () => {
    const answer = await send(proxy().port, { path: '/x' });
    expect(seenByHook).toEqual([
      { status: 200, headers: { 'X-elastic-product': 'Elasticsearch', Warning: '299 Elasticsearch "a"', 'content-length': '2' } },
    ]);
    expect(pairs(answer.rawHeaders).filter(([n]) => n === 'Warning')).toEqual([
      ['Warning', '299 Elasticsearch "a"'],
      ['Warning', '299 model-alias-guard "checked"'],
    ]);
    expect(answer.bytes.toString()).toBe('{}');
  });
});
