/**
 * docs §11: `_msearch` runs each NDJSON header/body pair as `_search` does and answers
 * `responses` in order with a `status` each; a missing index fails only its own item. Before the
 * route existed, `_msearch` was read as an index name (a misleading 405).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';

const NDJSON = { 'Content-Type': 'application/x-ndjson' };

describe('_msearch on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await raw(sb().url, 'PUT', '/logs/_doc/1?refresh=true', { body: { level: 'info' } });
    await raw(sb().url, 'PUT', '/logs/_doc/2?refresh=true', { body: { level: 'warn' } });
  });

  it('answers one search response per pair, in order, with status', async () => {
    const body = ['{"index":"logs"}', '{"query":{"match_all":{}}}', '{"index":"logs"}', '{"query":{"term":{"level":"warn"}}}', ''].join('\n');
    const r = await raw(sb().url, 'POST', '/_msearch', { body, headers: NDJSON });
    expect(r.status).toBe(200);
    expect(r.json.responses).toHaveLength(2);
    expect(r.json.responses[0]).toMatchObject({ status: 200, hits: { total: { value: 2, relation: 'eq' } } });
    expect(r.json.responses[1].hits.hits.map((h: { _id: string }) => h._id)).toEqual(['2']);
    expect(typeof r.json.took).toBe('number');
  });

  it('takes the path index for headers without one, and fails only the item of a missing index', async () => {
    const body = ['{}', '{"query":{"match_all":{}}}', '{"index":"nope"}', '{}', ''].join('\n');
    const r = await raw(sb().url, 'GET', '/logs/_msearch', { body, headers: NDJSON });
    expect(r.status).toBe(200);
    expect(r.json.responses[0].hits.total.value).toBe(2);
    expect(r.json.responses[1]).toMatchObject({ status: 404, error: { type: 'index_not_found_exception' } });
  });

  it('refuses a body without the final newline and an empty body', async () => {
    const noNl = await raw(sb().url, 'POST', '/_msearch', { body: '{"index":"logs"}\n{}', headers: NDJSON });
    expect(noNl.status).toBe(400);
    expect(noNl.json.error.reason).toBe('The msearch request must be terminated by a newline [\n]');
    const empty = await raw(sb().url, 'POST', '/_msearch');
    expect(empty.status).toBe(400);
    expect(empty.json.error.reason).toBe('Validation Failed: 1: no requests added;');
  });
});
