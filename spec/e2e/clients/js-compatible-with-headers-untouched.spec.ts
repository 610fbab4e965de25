/**
 * The 8.x JavaScript client sends `compatible-with` vendor media types
 * (`application/vnd.elasticsearch+json; compatible-with=8`, and for NDJSON
 * `application/vnd.elasticsearch+x-ndjson; compatible-with=8`). Through the
 * proxy they must reach the cluster exactly as the client wrote them (the
 * sandbox request log records raw headers), on passthrough and on guarded
 * routes, and the cluster's answer to them must come back as it was sent.
 */
import { Client } from '@elastic/elasticsearch';
import { describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { clusterRequests, clearClusterRequests, lastFor, rawHeaderValues } from './support';
import { putTreeModel } from '../../support/fixtures';

const JSON8 = 'application/vnd.elasticsearch+json; compatible-with=8';
const NDJSON8 = 'application/vnd.elasticsearch+x-ndjson; compatible-with=8';
/** The transport's default Accept, used by the calls that set none themselves (those without a body). */
const ACCEPT8 = 'application/vnd.elasticsearch+json; compatible-with=8,text/plain';

const stack = useStack();
beforeEach(async () => stack.reset());

function mediaHeaders(entry: Parameters<typeof rawHeaderValues>[0]) {
  return { accept: rawHeaderValues(entry, 'accept'), contentType: rawHeaderValues(entry, 'content-type') };
}

describeSandboxOnly('compatible-with media types through the proxy', () => {
  it('reach the cluster untouched on a passthrough request with a JSON body, as they do when sent directly', async () => {
    await stack.viaProxy.index({ index: 'mag-test-compat', id: '1', document: { via: 'proxy' } });
    const viaProxy = lastFor(await clusterRequests(stack), 'PUT', '/mag-test-compat/_doc/1');
    await clearClusterRequests(stack);
    await stack.direct.index({ index: 'mag-test-compat', id: '2', document: { via: 'proxy' } });
    const direct = lastFor(await clusterRequests(stack), 'PUT', '/mag-test-compat/_doc/2');

    expect(mediaHeaders(viaProxy)).toEqual({ accept: [JSON8], contentType: [JSON8] });
    expect(mediaHeaders(viaProxy)).toEqual(mediaHeaders(direct));
    expect(viaProxy.status).toBe(201);
  });

  it('reach the cluster untouched on NDJSON (_bulk)', async () => {
    await stack.viaProxy.bulk({ operations: [{ index: { _index: 'mag-test-compat', _id: '1' } }, { n: 1 }] });
    const entry = lastFor(await clusterRequests(stack), 'POST', '/_bulk');
    expect(mediaHeaders(entry)).toEqual({ accept: [JSON8], contentType: [NDJSON8] });
    expect(entry.status).toBe(200);
  });

  it('reach the cluster untouched on a guarded route the guard allows', async () => {
    await putTreeModel(stack.direct, 'mag-test-a', { shape: 'one-leaf' });
    await clearClusterRequests(stack);
    await stack.viaProxy.ml.putTrainedModelAlias({ model_id: 'mag-test-a', model_alias: 'mag-test-alias' });
    const put = lastFor(await clusterRequests(stack, { method: 'PUT' }), 'PUT', '/_ml/trained_models/mag-test-a/model_aliases/mag-test-alias');
    expect(rawHeaderValues(put, 'accept')).toEqual([ACCEPT8]);
    expect(put.status).toBe(200);
  });

  it('compatible-with=7 (a REST-compatibility client) reaches an 8.x cluster untouched, and its answer comes back as the cluster sent it', async () => {
    const JSON7 = 'application/vnd.elasticsearch+json;compatible-with=7';
    const headers = { accept: JSON7, 'content-type': JSON7 };
    const viaProxyClient = new Client({ node: stack.proxyUrl, maxRetries: 0, headers });
    const directClient = new Client({ node: stack.esUrl, maxRetries: 0, headers });
    try {
      const viaProxy = await viaProxyClient.index({ index: 'mag-test-compat', id: '1', document: { v: 7 } }, { meta: true });
      const proxyEntry = lastFor(await clusterRequests(stack), 'PUT', '/mag-test-compat/_doc/1');
      const direct = await directClient.index({ index: 'mag-test-compat', id: '2', document: { v: 7 } }, { meta: true });

      expect(mediaHeaders(proxyEntry)).toEqual({ accept: [JSON7], contentType: [JSON7] });
      expect(viaProxy.statusCode).toBe(201);
      expect(viaProxy.headers['content-type']).toBe(direct.headers['content-type']);
    } finally {
      await viaProxyClient.close();
      await directClient.close();
    }
  });

  it('an unsupported compatible-with=6 is refused by the cluster, and the refusal is relayed as the cluster gave it', async () => {
    const JSON6 = 'application/vnd.elasticsearch+json;compatible-with=6';
    const headers = { accept: JSON6, 'content-type': JSON6 };
    const viaProxyClient = new Client({ node: stack.proxyUrl, maxRetries: 0, headers });
    const directClient = new Client({ node: stack.esUrl, maxRetries: 0, headers });
    try {
      const viaProxy = await viaProxyClient.info({}, { meta: true, ignore: [400] });
      const direct = await directClient.info({}, { meta: true, ignore: [400] });
      expect(viaProxy.statusCode).toBe(400);
      expect(viaProxy.body).toEqual(direct.body);
      expect((viaProxy.body as any).error.type).toBe('media_type_header_exception');
      const entry = lastFor(await clusterRequests(stack, { method: 'GET' }), 'GET', '/');
      expect(rawHeaderValues(entry, 'accept')).toEqual([JSON6]);
    } finally {
      await viaProxyClient.close();
      await directClient.close();
    }
  });
});
