/** Unknown paths, wrong methods and OPTIONS (docs §5.1). */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

describe('no handler, 405, OPTIONS (docs §5.1)', () => {
  const sb = useSandbox();

  it('answers an unknown path with 400 and {"error":...} without status', async () => {
    const r = await raw(sb().url, 'GET', '/_ml/nothing/here?x=1');
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'no handler found for uri [/_ml/nothing/here?x=1] and method [GET]' });
  });

  it('answers a known path with a wrong method with 405, the allowed list and Allow', async () => {
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/m/model_aliases/a?reassign=true');
    expect(r.status).toBe(405);
    expect(r.json).toEqual({
      error: 'Incorrect HTTP method for uri [/_ml/trained_models/m/model_aliases/a?reassign=true] and method [POST], allowed: [PUT, DELETE]',
      status: 405,
    });
    expect(r.headers['allow']).toBe('PUT,DELETE');
  });

  it('lists allowed methods in enum order GET, POST, PUT, DELETE, ..., HEAD', async () => {
    const r = await raw(sb().url, 'POST', '/');
    expect(r.status).toBe(405);
    expect(r.headers['allow']).toBe('GET,HEAD');
  });

  it('answers OPTIONS on a known path with 200, an empty body and Allow', async () => {
    const r = await raw(sb().url, 'OPTIONS', '/_ml/trained_models/m/model_aliases/a');
    expect(r.status).toBe(200);
    expect(r.bytes.length).toBe(0);
    expect(r.headers['allow']).toBe('PUT,DELETE');
  });

  it('answers OPTIONS on an unknown path like any unknown path', async () => {
    const r = await raw(sb().url, 'OPTIONS', '/_nope/_nope/_nope/x');
    expect(r.status).toBe(400);
  });
});
