/** GET/HEAD / and the per-version response headers (docs §5.6). */
import { startSandbox, Sandbox } from '../../src/sandbox';
import { raw } from '../support/http-client';

const CASES: Array<{ v: string; product: boolean; contentType: string }> = [
  { v: '8.15.0', product: true, contentType: 'application/json' },
  { v: '8.7.1', product: true, contentType: 'application/json' },
  { v: '8.5.3', product: true, contentType: 'application/json' },
  { v: '7.17.9', product: true, contentType: 'application/json; charset=UTF-8' },
  { v: '7.13.4', product: false, contentType: 'application/json; charset=UTF-8' },
];

describe.each(CASES)('GET / on $v', ({ v, product, contentType }) => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ esVersion: v });
  });
  afterAll(() => sb.close());

  it('reports the emulated version with a 40-hex build hash', async () => {
    const r = await raw(sb.url, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.json.version.number).toBe(v);
    expect(r.json.version.build_hash).toMatch(/^[0-9a-f]{40}$/);
    expect(r.json.tagline).toBe('You Know, for Search');
    expect(r.headers['content-type']).toBe(contentType);
  });

  it(`${product ? 'sends' : 'does not send'} X-elastic-product`, async () => {
    const r = await raw(sb.url, 'GET', '/');
    expect(r.headers['x-elastic-product']).toBe(product ? 'Elasticsearch' : undefined);
    const err = await raw(sb.url, 'GET', '/_ml/trained_models/nope');
    expect(err.status).toBe(404);
    expect(err.headers['x-elastic-product']).toBe(product ? 'Elasticsearch' : undefined);
  });

  it('answers HEAD / with 200, a length and no body', async () => {
    const r = await raw(sb.url, 'HEAD', '/');
    expect(r.status).toBe(200);
    expect(Number(r.headers['content-length'])).toBeGreaterThan(0);
    expect(r.bytes.length).toBe(0);
  });
});
