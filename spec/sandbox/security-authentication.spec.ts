/** Security: 401s with WWW-Authenticate. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const basic = (u: string, p: string): string => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');
const apiKey = (id: string, key: string): string => 'ApiKey ' + Buffer.from(`${id}:${key}`).toString('base64');

describe('authentication', () => {
  const sb = useSandbox({
    security: {
      users: [{ username: 'alice', password: 'secret', roles: ['superuser'] }],
      apiKeys: [{ id: 'key-1', key: 'k3y', roles: ['monitor_ml'] }],
    },
  });

  it('answers a request without credentials with 401, the challenges and no product header', async () => {
    const r = await raw(sb().url, 'GET', '/?pretty');
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Basic realm="security" charset="UTF-8", ApiKey');
    expect(r.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'www-authenticate')).toHaveLength(2);
    expect(r.headers['x-elastic-product']).toBeUndefined();
    expect(r.json.error.type).toBe('security_exception');
    expect(r.json.error.reason).toBe('missing authentication credentials for REST request [/?pretty]');
    expect(r.json.error.header).toEqual({ 'WWW-Authenticate': ['Basic realm="security" charset="UTF-8"', 'ApiKey'] });
    expect(r.json.error.root_cause[0].header).toEqual({ 'WWW-Authenticate': ['Basic realm="security" charset="UTF-8"', 'ApiKey'] });
    expect(r.json.status).toBe(401);
  });

  it('answers a wrong password with "unable to authenticate user"', async () => {
    const r = await raw(sb().url, 'GET', '/', { headers: { Authorization: basic('alice', 'nope') } });
    expect(r.status).toBe(401);
    expect(r.json.error.reason).toBe('unable to authenticate user [alice] for REST request [/]');
  });

  it('answers a wrong API key with 401', async () => {
    const r = await raw(sb().url, 'GET', '/', { headers: { Authorization: apiKey('key-1', 'bad') } });
    expect(r.status).toBe(401);
  });

  it('lets a good user and a good API key in', async () => {
    expect((await raw(sb().url, 'GET', '/', { headers: { Authorization: basic('alice', 'secret') } })).status).toBe(200);
    expect((await raw(sb().url, 'GET', '/_ml/trained_models', { headers: { Authorization: apiKey('key-1', 'k3y') } })).status).toBe(200);
  });

  it('authenticates before routing (8.8+ HTTP-layer authentication)', async () => {
    expect((await raw(sb().url, 'GET', '/_nothing/here/at/all')).status).toBe(401);
  });

  it('leaves the control API open', async () => {
    expect((await raw(sb().url, 'GET', '/_sandbox/state')).status).toBe(200);
  });
});
