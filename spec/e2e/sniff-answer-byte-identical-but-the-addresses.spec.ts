/**
 * A rewritten node-info answer is the cluster's answer byte for byte except
 * the `http.publish_address` values: compared with the same request answered
 * by the cluster directly, in compact and pretty form, with filter_path and
 * with the compatible-with media type; every end-to-end header is the
 * cluster's too (only the Content-Length is the proxy's: that of the rewritten body).
 */
import { request } from 'undici';
import { startStack, Stack, describeEverywhere } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack.close());

async function get(baseUrl: string, path: string, headers: Record<string, string>) {
  const answer = await request(`${baseUrl}${path}`, { headers: { ...stack.auth, ...headers } });
  const body = Buffer.from(await answer.body.arrayBuffer());
  return { status: answer.statusCode, headers: answer.headers, body };
}

/** The direct answer with each publish address value replaced in place, whatever the spacing around the colon. */
function expectedFrom(direct: Buffer, proxyAddress: string): string {
  const text = direct.toString('utf8');
  const rewritten = text.replace(/("publish_address"\s*:\s*)"([^"]*)"/g, (whole, key: string, value: string, offset: number) =>
    isHttpPublishAddress(text, offset) ? `${key}"${value.includes('/') ? `${proxyAddress.split(':')[0]}/` : ''}${proxyAddress}"` : whole,
  );
  expect(rewritten).not.toBe(text);
  return rewritten;
}

/** Whether the publish_address key at `offset` sits directly in an `"http"` object (the nearest enclosing key). */
function isHttpPublishAddress(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  const open = before.lastIndexOf('{');
  return /"http"\s*:\s*$/.test(before.slice(0, open));
}

const hopByHop = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);
const endToEnd = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));

describeEverywhere('rewritten node-info answers keep every other byte', () => {
  it.each([
    ['/_nodes/_all/http', {}],
    ['/_nodes/_all/http?pretty', {}],
    ['/_nodes?pretty=true&human', {}],
    ['/_nodes/_all/http?filter_path=nodes.*.http', {}],
    ['/_nodes/http', { accept: 'application/vnd.elasticsearch+json;compatible-with=8' }],
    ['/_nodes', {}],
  ])('%s %j', async (path, headers) => {
    const direct = await get(stack.esUrl, path, headers);
    const viaProxy = await get(stack.proxyUrl, path, headers);
    expect(direct.status).toBe(200);
    expect(viaProxy.status).toBe(200);

    const proxyAddress = new URL(stack.proxyUrl).host;
    expect(viaProxy.body.toString('utf8')).toBe(expectedFrom(direct.body, proxyAddress));
    expect(endToEnd(viaProxy.headers)).toEqual(endToEnd(direct.headers));
    // Framed with the rewritten body's own exact length, as the cluster framed its own.
    expect(viaProxy.headers['content-length']).toBe(String(viaProxy.body.length));
    expect(viaProxy.headers['transfer-encoding']).toBeUndefined();
  });
});
