/** The Content-Type gate (docs §2 step 2) and bodies a handler does not read (docs §5.3). */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel } from '../support/fixtures';

const PATH = '/_ml/trained_models/m1/model_aliases/alias-a';

describe('Content-Type gate and unread bodies', () => {
  const sb = useSandbox();
  beforeEach(() => putTreeModel(sb().url, 'm1'));

  it('answers a body without Content-Type with 406 "Content-Type header is missing"', async () => {
    const r = await raw(sb().url, 'PUT', PATH, { body: Buffer.from('{}') });
    expect(r.status).toBe(406);
    expect(r.json).toEqual({ error: 'Content-Type header is missing', status: 406 });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml'])(
    'answers Content-Type %s with 406 "not supported"',
    async (ct) => {
      const r = await raw(sb().url, 'PUT', PATH, { body: '{}', headers: { 'Content-Type': ct } });
      expect(r.status).toBe(406);
      expect(r.json).toEqual({ error: `Content-Type header [${ct}] is not supported`, status: 406 });
    },
  );

  it('refuses a JSON body on PUT alias with 400 "does not support having a body"', async () => {
    const r = await raw(sb().url, 'PUT', PATH, { body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('illegal_argument_exception');
    expect(r.json.error.reason).toBe(`request [PUT ${PATH}] does not support having a body`);
  });

  it('checks unknown parameters before the unread body', async () => {
    const r = await raw(sb().url, 'PUT', PATH + '?x=1', { body: {} });
    expect(r.json.error.reason).toMatch(/contains unrecognized parameter: \[x\]/);
  });

  it('accepts an empty body with no Content-Type', async () => {
    const r = await raw(sb().url, 'PUT', PATH, { body: Buffer.alloc(0) });
    expect(r.status).toBe(200);
  });

  it('answers a malformed Content-Type with 400 media_type_header_exception', async () => {
    const r = await raw(sb().url, 'PUT', PATH, { body: '{}', headers: { 'Content-Type': 'application/json; charset' } });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('media_type_header_exception');
    expect(r.json.error.reason).toBe('Invalid media-type value on headers [Content-Type]');
  });
});
