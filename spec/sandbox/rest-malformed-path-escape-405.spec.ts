/**
 * A malformed percent-escape in a path segment (docs §5.1): RestController.tryAllHandlers catches
 * the decoder's IllegalArgumentException and calls handleUnsupportedHttpMethod(uri, null,
 * channel, getValidHandlerMethodSet(rawPath), e), which appends ", allowed: [..]" and sets
 * Allow when the raw path has valid methods (elastic/elasticsearch
 * server/src/main/java/org/elasticsearch/rest/RestController.java @00203b9a; PathTrie.java
 * @08b91421 decodes while walking).
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel } from '../support/fixtures';

describe('malformed escape in a path segment → 405 with the valid methods', () => {
  const sb = useSandbox();

  it('answers the alias route with the decoder message, allowed: [PUT, DELETE] and Allow', async () => {
    await putTreeModel(sb().url, 'm');
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/m/model_aliases/a%zz');
    expect(r.status).toBe(405);
    expect(r.json).toEqual({ error: "invalid escape sequence `%zz' at index 1 of: a%zz, allowed: [PUT, DELETE]", status: 405 });
    expect(r.headers['allow']).toBe('PUT,DELETE');
    const state = await raw(sb().url, 'GET', '/_sandbox/state');
    expect(JSON.stringify(state.json)).not.toContain('"a%zz"');
  });

  it('lists the valid methods of the path, not the request method (query string kept out of the message)', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/m/model_aliases/x%4?reassign=true');
    expect(r.status).toBe(405);
    expect(r.json).toEqual({ error: 'partial escape sequence at end of string: x%4, allowed: [PUT, DELETE]', status: 405 });
    expect(r.headers['allow']).toBe('PUT,DELETE');
  });

  it.each([
    ['/_ml/trained_models/abc%', 'unterminated escape sequence at end of string: abc%'],
    ['/_ml/trained_models/abc%4', 'partial escape sequence at end of string: abc%4'],
    ['/_ml/trained_models/a%zzb', "invalid escape sequence `%zz' at index 1 of: a%zzb"],
  ])('lists GET, PUT, DELETE in enum order for %s', async (path, msg) => {
    const r = await raw(sb().url, 'GET', path);
    expect(r.status).toBe(405);
    expect(r.json).toEqual({ error: `${msg}, allowed: [GET, PUT, DELETE]`, status: 405 });
    expect(r.headers['allow']).toBe('GET,PUT,DELETE');
  });

  it('answers OPTIONS the same way (the decoder throws before the method is looked at)', async () => {
    const r = await raw(sb().url, 'OPTIONS', '/_ml/trained_models/m/model_aliases/a%zz');
    expect(r.status).toBe(405);
    expect(r.json.error).toBe("invalid escape sequence `%zz' at index 1 of: a%zz, allowed: [PUT, DELETE]");
  });

  it('throws while walking into a wildcard even when no route matches the whole path: no allowed list, no Allow', async () => {
    const r = await raw(sb().url, 'GET', '/a%zz/no/such/route');
    expect(r.status).toBe(405);
    expect(r.json).toEqual({ error: "invalid escape sequence `%zz' at index 1 of: a%zz", status: 405 });
    expect(r.headers['allow']).toBeUndefined();
  });
});
