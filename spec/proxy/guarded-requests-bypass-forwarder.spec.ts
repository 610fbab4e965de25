import type * as http from 'node:http';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send } from '../support/http-client';

interface AliasRoute {
  modelId: string;
  alias: string;
}

/** Stand-in matcher: PUT/DELETE _ml/trained_models/<m>/model_aliases/<a>. */
function matchAliasRoute(method: string, rawUrl: string): AliasRoute | null {
  const m = /^\/_ml\/trained_models\/([^/?]+)\/model_aliases\/([^/?]+)(\?.*)?$/.exec(rawUrl);
  return m && (method === 'PUT' || method === 'DELETE') ? { modelId: m[1], alias: m[2] } : null;
}

describe('guarded requests go to handleGuarded, never to the forwarder', () => {
  const forwarded: string[] = [];
  const guarded: Array<{ method: string; url: string; match: AliasRoute }> = [];

  const { stub, proxy } = useProxyWithStub<AliasRoute>({
    proxy: {
      wrapForwarder: (forwarder) => ({
        forward: (req, res, options) => {
          forwarded.push(`${req.method} ${req.url}`);
          return forwarder.forward(req, res, options);
        },
        close: () => forwarder.close(),
      }),
      matchGuarded: matchAliasRoute,
      handleGuarded: (req: http.IncomingMessage, res: http.ServerResponse, match: AliasRoute) => {
        guarded.push({ method: req.method ?? '', url: req.url ?? '', match });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"acknowledged":true}');
      },
    },
  });

  it('hands a guarded route and its match to handleGuarded', async () => {
    const answer = await send(proxy().port, { method: 'PUT', path: '/_ml/trained_models/m1/model_aliases/a1?reassign=true', body: Buffer.alloc(0) });
    expect(answer.status).toBe(200);
    expect(guarded).toEqual([
      { method: 'PUT', url: '/_ml/trained_models/m1/model_aliases/a1?reassign=true', match: { modelId: 'm1', alias: 'a1' } },
    ]);
    expect(forwarded).toEqual([]);
    expect(stub().requests).toHaveLength(0);
  });

  it('forwards everything else without calling handleGuarded', async () => {
    await send(proxy().port, { method: 'GET', path: '/_ml/trained_models/m1/model_aliases/a1' });
    await send(proxy().port, { method: 'GET', path: '/_cat/health' });
    expect(forwarded).toEqual(['GET /_ml/trained_models/m1/model_aliases/a1', 'GET /_cat/health']);
    expect(guarded).toHaveLength(1);
    expect(stub().requests.map((r) => r.url)).toEqual(['/_ml/trained_models/m1/model_aliases/a1', '/_cat/health']);
  });
});
