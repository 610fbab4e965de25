/**
 * Targets nginx answers itself with its own 400 before any routing (its URI
 * parser: a malformed `%` escape, an escaped NUL, dot segments climbing above
 * the root). They reach neither the guard nor the cluster, so nothing is
 * changed; only the answer differs from Elasticsearch's (README, "Beside your
 * nginx"). Imported before an end-to-end spec, this replaces the tests named
 * here with a note; `malformed-path-escape-answered-400-by-nginx.spec.ts`
 * asserts what nginx does instead.
 */
const ANSWERED_BY_NGINX = new Set(['answers a malformed escape in a guarded segment itself, as Elasticsearch does']);

const original = globalThis.it;
const replaced = ((name: string, fn?: jest.ProvidesCallback, timeout?: number) =>
  ANSWERED_BY_NGINX.has(name)
    ? original.skip(`${name} [edge: nginx answers 400 itself, see malformed-path-escape-answered-400-by-nginx.spec.ts]`, fn, timeout)
    : original(name, fn, timeout)) as jest.It;
Object.assign(replaced, original);
globalThis.it = replaced;
