/** Compatible-with vendor media types (; RestCompatibleVersionHelper read in ES source). */
import { startSandbox, Sandbox } from '../../src/sandbox';
import { raw } from '../support/http-client';

const vnd = (n: number): string => `application/vnd.elasticsearch+json;compatible-with=${n}`;

describe('compatible-with on 8.15', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ esVersion: '8.15.0' });
  });
  afterAll(() => sb.close());

  it.each([8, 7])('accepts compatible-with=%i and answers in the vendor type', async (n) => {
    const r = await raw(sb.url, 'GET', '/', { headers: { Accept: vnd(n) } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(vnd(n));
  });

  it('refuses compatible-with=9 in Accept with media_type_header_exception', async () => {
    const r = await raw(sb.url, 'GET', '/', { headers: { Accept: vnd(9) } });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json.error.type).toBe('media_type_header_exception');
    expect(r.json.error.reason).toBe('Invalid media-type value on headers [Accept, Content-Type]');
    expect(r.json.error.root_cause[0].type).toBe('media_type_header_exception');
    expect(r.json.error.caused_by).toEqual({
      type: 'status_exception',
      reason: `Accept version must be either version 8 or 7, but found 9. Accept=${vnd(9)}`,
    });
  });

  it('refuses compatible-with=6', async () => {
    const r = await raw(sb.url, 'GET', '/', { headers: { Accept: vnd(6) } });
    expect(r.status).toBe(400);
    expect(r.json.error.caused_by.reason).toMatch(/^Accept version must be either version 8 or 7, but found 6\./);
  });

  it('requires matching versions on Accept and Content-Type when there is a body', async () => {
    const r = await raw(sb.url, 'PUT', '/_ingest/pipeline/p', { body: '{"processors":[]}', headers: { Accept: vnd(7), 'Content-Type': vnd(8) } });
    expect(r.status).toBe(400);
    expect(r.json.error.caused_by.reason).toBe(
      `A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. Accept=${vnd(7)}, Content-Type=${vnd(8)}`,
    );
  });

  it('requires both headers versioned when one is', async () => {
    const r = await raw(sb.url, 'PUT', '/_ingest/pipeline/p', { body: '{"processors":[]}', headers: { Accept: 'application/json', 'Content-Type': vnd(8) } });
    expect(r.status).toBe(400);
    expect(r.json.error.caused_by.reason).toBe(
      `A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version. Accept=application/json, Content-Type=${vnd(8)}`,
    );
  });

  it('ignores an Accept media range (a comma), as the JS client sends for GETs', async () => {
    const r = await raw(sb.url, 'GET', '/', { headers: { Accept: `${vnd(8)},text/plain` } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
  });

  it('accepts a versioned body with a matching Accept', async () => {
    const r = await raw(sb.url, 'PUT', '/_ingest/pipeline/p', { body: '{"processors":[]}', headers: { Accept: vnd(8), 'Content-Type': vnd(8) } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(vnd(8));
  });
});

describe('compatible-with on 7.17', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ esVersion: '7.17.9' });
  });
  afterAll(() => sb.close());

  it('accepts 7', async () => {
    const r = await raw(sb.url, 'GET', '/', { headers: { Accept: vnd(7) } });
    expect(r.status).toBe(200);
  });

  it('refuses 8 (the 8.x client against a 7.x cluster)', async () => {
    const r = await raw(sb.url, 'GET', '/', { headers: { Accept: vnd(8) } });
    expect(r.status).toBe(400);
    expect(r.json.error.caused_by.reason).toMatch(/^Accept version must be either version 7 or 7, but found 8\./);
  });
});
