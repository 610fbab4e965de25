/**
 * docs §11: `GET /{index}/_mapping` answers the index's mappings; `PUT /{index}/_mapping` adds
 * fields and refuses to change a field's type. elasticdump reads and writes mappings this way.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

describe('_mapping on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await raw(sb().url, 'PUT', '/logs', { body: { mappings: { properties: { level: { type: 'keyword' } } } } });
  });

  it('GET answers the mappings per index, also on /_mapping', async () => {
    const r = await raw(sb().url, 'GET', '/logs/_mapping');
    expect(r.json).toEqual({ logs: { mappings: { properties: { level: { type: 'keyword' } } } } });
    expect((await raw(sb().url, 'GET', '/_mapping')).json.logs).toBeDefined();
    expect((await raw(sb().url, 'GET', '/nope/_mapping')).status).toBe(404);
  });

  it('PUT adds a field and keeps the others', async () => {
    const r = await raw(sb().url, 'PUT', '/logs/_mapping', { body: { properties: { message: { type: 'text' } } } });
    expect(r.json).toEqual({ acknowledged: true });
    const got = await raw(sb().url, 'GET', '/logs/_mapping');
    expect(got.json.logs.mappings.properties).toEqual({ level: { type: 'keyword' }, message: { type: 'text' } });
  });

  it('PUT refuses to change the type of a field', async () => {
    const r = await raw(sb().url, 'PUT', '/logs/_mapping', { body: { properties: { level: { type: 'long' } } } });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('mapper [level] cannot be changed from type [keyword] to [long]');
  });
});
