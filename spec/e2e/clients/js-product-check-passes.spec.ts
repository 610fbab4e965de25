/**
 * The official JavaScript client (8.19) checks `X-elastic-product:
 * Elasticsearch` on every 2xx answer and throws ProductNotSupportedError
 * otherwise. Through the proxy the check must pass, on passthrough and on
 * guarded routes, because the proxy relays the cluster's own header: when the
 * cluster says it is something else, the client must see that too (the proxy
 * must not paper over it).
 */
import { Client, errors } from '@elastic/elasticsearch';
import { describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { putTreeModel } from '../../support/fixtures';

const stack = useStack();
beforeEach(async () => stack.reset());

describeSandboxOnly('JS client product check through the proxy', () => {
  it('passes on GET / and the info answer is the cluster’s own', async () => {
    const viaProxy = await stack.viaProxy.info({}, { meta: true });
    const direct = await stack.direct.info({}, { meta: true });
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(viaProxy.body).toEqual(direct.body);
    expect(viaProxy.body.tagline).toBe('You Know, for Search');
  });

  it('passes on a guarded route the guard allows (the cluster answer is relayed with its header)', async () => {
    await putTreeModel(stack.direct, 'mag-test-a', { shape: 'one-leaf' });
    const answer = await stack.viaProxy.ml.putTrainedModelAlias({ model_id: 'mag-test-a', model_alias: 'mag-test-alias' }, { meta: true });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(answer.body).toEqual({ acknowledged: true });
  });

  it('fails when the cluster is not Elasticsearch: the proxy relays the header, it does not invent it', async () => {
    await stack.control('POST', '/_sandbox/faults', {
      method: 'GET',
      path: '/',
      status: 200,
      headers: { 'X-elastic-product': 'NotElasticsearch' },
      body: { name: 'impostor', tagline: 'You Know, for Search' },
    });
    const client = new Client({ node: stack.proxyUrl, maxRetries: 0 });
    try {
      await expect(client.info()).rejects.toBeInstanceOf(errors.ProductNotSupportedError);
    } finally {
      await client.close();
    }
    // The fault was used up: the next call passes again.
    await expect(stack.viaProxy.info()).resolves.toMatchObject({ tagline: 'You Know, for Search' });
  });
});
