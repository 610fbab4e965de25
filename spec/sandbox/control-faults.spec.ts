/** Control API: injected faults. */
import { useSandbox, control } from './helpers';
import * as net from 'node:net';
import { raw } from '../support/http-client';
import { waitUntil } from '../support/wait-until';

/** Ref'd timers of this process right now (unref'd ones do not keep it alive and are not listed). */
function pendingTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

describe('faults', () => {
  const sb = useSandbox();

  it('fails the next N matching requests with a status and the ES error body, then recovers', async () => {
    await control(sb().url, 'POST', '/faults', { method: 'GET', path: '/_ml/trained_models', count: 2, status: 503 });
    const a = await raw(sb().url, 'GET', '/_ml/trained_models');
    const b = await raw(sb().url, 'GET', '/_ml/trained_models/_stats');
    const c = await raw(sb().url, 'GET', '/_ml/trained_models');
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.json.status).toBe(503);
    expect(a.headers['x-elastic-product']).toBe('Elasticsearch');
  });

  it('matches the method and the path prefix only', async () => {
    await control(sb().url, 'POST', '/faults', { method: 'PUT', path: '/_ml', status: 500 });
    expect((await raw(sb().url, 'GET', '/_ml/trained_models')).status).toBe(200);
    expect((await raw(sb().url, 'GET', '/')).status).toBe(200);
  });

  it('sends a given body (string or JSON) with given headers', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/', status: 429, body: { error: 'busy' }, headers: { 'Retry-After': '1' } });
    const r = await raw(sb().url, 'GET', '/');
    expect(r.status).toBe(429);
    expect(r.json).toEqual({ error: 'busy' });
    expect(r.headers['retry-after']).toBe('1');
  });

  it('drops the connection', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/_cluster/health', drop: true });
    await expect(raw(sb().url, 'GET', '/_cluster/health')).rejects.toThrow();
    expect((await raw(sb().url, 'GET', '/_cluster/health')).status).toBe(200);
  });

  it('delays and then answers normally', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/', delayMs: 200 });
    const t0 = Date.now();
    const r = await raw(sb().url, 'GET', '/');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
    expect(r.status).toBe(200);
    expect(r.json.tagline).toBe('You Know, for Search');
  });

  it('abandons a delayed answer when the client leaves: no timer is left behind', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/', delayMs: 60_000 });
    const before = pendingTimers();
    const socket = net.connect(Number(new URL(sb().url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET / HTTP/1.1\r\nHost: sandbox\r\n\r\n');
    await waitUntil('the delay to start', () => pendingTimers() === before + 1, 2_000);
    socket.destroy();
    await waitUntil('the delay to be abandoned', () => pendingTimers() === before, 2_000);
  });

  it('answers 200 with a non-JSON body', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/', malformed: 'non_json' });
    const r = await raw(sb().url, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.json).toBeUndefined();
    expect(r.text).toMatch(/^<html>/);
  });

  it('answers 200 with wrong-shaped or truncated JSON', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/_ml/trained_models', malformed: 'wrong_shape' });
    await control(sb().url, 'POST', '/faults', { path: '/_ml/trained_models', malformed: 'truncated' });
    const a = await raw(sb().url, 'GET', '/_ml/trained_models/x');
    expect(a.status).toBe(200);
    expect(a.json).not.toHaveProperty('trained_model_configs');
    const b = await raw(sb().url, 'GET', '/_ml/trained_models/x');
    expect(b.json).toBeUndefined();
  });

  it('lists and clears faults; reset clears them too', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/', status: 500, count: 5 });
    expect((await control(sb().url, 'GET', '/faults')).json.faults).toHaveLength(1);
    await control(sb().url, 'DELETE', '/faults');
    expect((await raw(sb().url, 'GET', '/')).status).toBe(200);
    await control(sb().url, 'POST', '/faults', { path: '/', status: 500 });
    await control(sb().url, 'POST', '/reset');
    expect((await raw(sb().url, 'GET', '/')).status).toBe(200);
  });

  it('refuses a fault that does nothing', async () => {
    const r = await raw(sb().url, 'POST', '/_sandbox/faults', { body: { path: '/' } });
    expect(r.status).toBe(400);
  });
});
