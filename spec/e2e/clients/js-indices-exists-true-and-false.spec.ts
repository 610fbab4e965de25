/**
 * `indices.exists` is a HEAD request: the client reads only the status (200
 * → true, 404 → false) and an empty body. Through the proxy it must give
 * true for an existing index and false for a missing one, exactly as the
 * cluster answered directly, and the HEAD must reach the cluster as a HEAD.
 */
import { describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { clusterRequests, lastFor } from './support';

const stack = useStack();
beforeEach(async () => {
  await stack.reset();
  await stack.direct.indices.create({ index: 'mag-test-present' });
});

describeSandboxOnly('JS client indices.exists through the proxy', () => {
  it('is true for an existing index', async () => {
    await expect(stack.viaProxy.indices.exists({ index: 'mag-test-present' })).resolves.toBe(true);
    expect(lastFor(await clusterRequests(stack), 'HEAD', '/mag-test-present').status).toBe(200);
  });

  it('is false for a missing index (404 on HEAD is not an error)', async () => {
    await expect(stack.viaProxy.indices.exists({ index: 'mag-test-missing' })).resolves.toBe(false);
    expect(lastFor(await clusterRequests(stack), 'HEAD', '/mag-test-missing').status).toBe(404);
  });

  it('gives the same status and headers as the cluster directly, and an empty body', async () => {
    for (const index of ['mag-test-present', 'mag-test-missing']) {
      const viaProxy = await stack.viaProxy.indices.exists({ index }, { meta: true });
      const direct = await stack.direct.indices.exists({ index }, { meta: true });
      expect({ index, status: viaProxy.statusCode, body: viaProxy.body }).toEqual({ index, status: direct.statusCode, body: direct.body });
      expect(viaProxy.headers['content-length']).toBe(direct.headers['content-length']);
      expect(viaProxy.headers['x-elastic-product']).toBe('Elasticsearch');
    }
  });

  it('sees an index created through the proxy and no longer sees it once deleted', async () => {
    await stack.viaProxy.indices.create({ index: 'mag-test-new' });
    await expect(stack.viaProxy.indices.exists({ index: 'mag-test-new' })).resolves.toBe(true);
    await stack.viaProxy.indices.delete({ index: 'mag-test-new' });
    await expect(stack.viaProxy.indices.exists({ index: 'mag-test-new' })).resolves.toBe(false);
  });
});
