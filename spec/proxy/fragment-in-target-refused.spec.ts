/**
 * A raw `#` in the request target is refused with 400 before routing, on
 * every route (docs §8.3; RFC 9112 §3.2: a request target never carries a
 * fragment). Neither the guard nor the cluster sees such a request.
 */
import { matchGuardedRoute, type RouteMatch } from '../../src/rest/route-matcher';
import { matchSniffRoute, type SniffRoute } from '../../src/sniff/sniff-route';
import { useProxyWithStub } from './support/proxy-with-stub';
import { send, sendRaw } from '../support/http-client';

describe('a raw # in the request target', () => {
  const guardedCalls: string[] = [];
  const { stub, proxy } = useProxyWithStub<RouteMatch | SniffRoute>({
    proxy: {
      // The product's own matchers, as start-proxy wires them.
      matchGuarded: (method, rawUrl) => matchGuardedRoute(method, rawUrl) ?? matchSniffRoute(method, rawUrl),
      handleGuarded: (req, res) => {
        guardedCalls.push(`${req.method} ${req.url}`);
        res.end('guarded');
      },
    },
  });
  beforeEach(() => {
    guardedCalls.length = 0;
  });

  it.each([
    // Guarded routes: read as `m,*` (8.0–8.7: stops m) or as `m,*#` by one version or another.
    ['POST', '/_ml/trained_models/m,*#/deployment/_stop'],
    ['PUT', '/_ml/trained_models/m/model_aliases/a#b'],
    ['DELETE', '/_ml/trained_models/m#x'],
    ['POST', '/_ml/trained_models/m/deployment/_stop#?force=true'],
    // Node-info route: before 8.16 the path is `/_nodes/stats#,_all`.
    ['GET', '/_nodes/stats#,_all'],
    ['GET', '/_nodes#'],
    // Passthrough routes, in the path and in the query.
    ['GET', '/_search#frag'],
    ['GET', '/logs/_search?q=a#b'],
    ['POST', '/_bulk#'],
  ])('%s %s gets 400 illegal_argument_exception and goes nowhere', async (method, target) => {
    const answer = await send(proxy().port, { method, path: target, body: method === 'GET' ? undefined : '{}',
      headers: ['Host', 'x', 'Content-Type', 'application/json'] });
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.bytes.toString('utf8'));
    expect(body.status).toBe(400);
    expect(body.error.type).toBe('illegal_argument_exception');
    expect(body.error.root_cause[0].type).toBe('illegal_argument_exception');
    expect(body.error.reason).toContain(`request target [${target}] contains a raw '#'`);
    expect(stub().requests).toHaveLength(0);
    expect(guardedCalls).toHaveLength(0);
  });

  it('is refused with its final status instead of 100 Continue', async () => {
    const raw = (
      await sendRaw(
        proxy().port,
        'POST /_ml/trained_models/m,*#/deployment/_stop HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n',
      )
    ).toString('latin1');
    expect(raw.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    expect(raw).not.toContain('100 Continue');
    expect(stub().requests).toHaveLength(0);
    expect(guardedCalls).toHaveLength(0);
  });

  it('an encoded %23 is data, not a fragment: forwarded unchanged', async () => {
    const answer = await send(proxy().port, { path: '/logs%23x/_search?q=a%23b' });
    expect(answer.status).toBe(200);
    expect(stub().requests.at(-1)?.url).toBe('/logs%23x/_search?q=a%23b');
  });
});
