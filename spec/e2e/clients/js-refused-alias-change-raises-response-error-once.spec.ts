/**
 * A refused alias change reaches the JavaScript client as a ResponseError
 * carrying Elasticsearch's status, error.type and reason (the same the
 * cluster gives directly), and it is not retried: with `maxRetries: 3`
 * exactly one request reached the proxy (one guard decision) and none
 * reached the cluster. A control proves the client in this set-up does retry
 * what it retries (a 503), so a retried refusal would be seen.
 */
import { Client, errors } from '@elastic/elasticsearch';
import { startStack, Stack, describeSandboxOnly } from '../../support/stack';
import { clusterRequests, clearClusterRequests } from './support';
import { putTreeModel, putPyTorchModel, putAliasOrThrow } from '../../support/fixtures';

let stack: Stack;
let viaProxy: Client;
let direct: Client;
beforeAll(async () => {
  stack = await startStack();
  viaProxy = new Client({ node: stack.proxyUrl, maxRetries: 3 });
  direct = new Client({ node: stack.esUrl, maxRetries: 3 });
});
afterAll(async () => {
  await viaProxy.close();
  await direct.close();
  await stack.close();
});
beforeEach(async () => stack.reset());

async function refusal(client: Client, params: { model_id: string; model_alias: string; reassign?: boolean }): Promise<errors.ResponseError> {
  try {
    await client.ml.putTrainedModelAlias(params);
  } catch (err) {
    return err as errors.ResponseError;
  }
  throw new Error(`expected ${JSON.stringify(params)} to be refused`);
}

async function aliasPutsReachingCluster(): Promise<number> {
  const puts = await clusterRequests(stack, { method: 'PUT', pathPrefix: '/_ml/trained_models/' });
  return puts.filter((r) => r.url.includes('/model_aliases/')).length;
}

function guardDecisions() {
  return stack.decisions.filter((d) => d.route === 'put_model_alias');
}

describeSandboxOnly('a refused alias change through the proxy, JS client with maxRetries 3', () => {
  it('moving an existing alias without reassign: ResponseError 400 status_exception, one request, nothing reaches the cluster', async () => {
    await putTreeModel(stack.direct, 'mag-test-a', { shape: 'one-leaf' });
    await putTreeModel(stack.direct, 'mag-test-b', { shape: 'one-leaf' });
    await putAliasOrThrow(stack.direct, 'mag-test-a', 'mag-test-alias');
    const params = { model_id: 'mag-test-b', model_alias: 'mag-test-alias' };
    await clearClusterRequests(stack);

    const err = await refusal(viaProxy, params);
    expect(err).toBeInstanceOf(errors.ResponseError);
    expect(err.statusCode).toBe(400);
    expect(err.body).toMatchObject({ status: 400, error: { type: 'status_exception' } });
    expect(err.meta.meta.attempts).toBe(0);
    expect(await aliasPutsReachingCluster()).toBe(0);
    expect(guardDecisions()).toHaveLength(1);
    expect(guardDecisions()[0]).toMatchObject({ verdict: 'refused', status: 400 });

    const fromCluster = await refusal(direct, params);
    expect(err.body).toEqual(fromCluster.body);
    expect(err.message).toBe(fromCluster.message);
  });

  it('moving a deployed PyTorch alias to an undeployed model: ResponseError 400 status_exception, not retried', async () => {
    await putPyTorchModel(stack.direct, 'mag-test-pt-a');
    await putPyTorchModel(stack.direct, 'mag-test-pt-b');
    await stack.direct.ml.startTrainedModelDeployment({ model_id: 'mag-test-pt-a', wait_for: 'started' });
    await putAliasOrThrow(stack.direct, 'mag-test-pt-a', 'mag-test-alias');
    const params = { model_id: 'mag-test-pt-b', model_alias: 'mag-test-alias', reassign: true };
    await clearClusterRequests(stack);

    const err = await refusal(viaProxy, params);
    expect(err).toBeInstanceOf(errors.ResponseError);
    expect(err.statusCode).toBe(400);
    expect(err.body.error.type).toBe('status_exception');
    expect(err.body.error.reason).toMatch(/as it is not yet deployed$/);
    expect(err.meta.meta.attempts).toBe(0);
    expect(await aliasPutsReachingCluster()).toBe(0);
    expect(guardDecisions()).toHaveLength(1);

    const fromCluster = await refusal(direct, params);
    expect(err.body).toEqual(fromCluster.body);
  });

  it('control: the same client does retry a 503, and the request log shows it', async () => {
    await stack.control('POST', '/_sandbox/faults', { method: 'GET', path: '/_cluster/health', status: 503, count: 1 });
    const answer = await viaProxy.cluster.health({}, { meta: true });
    expect(answer.statusCode).toBe(200);
    expect(answer.meta.attempts).toBe(1);
    expect(await clusterRequests(stack, { method: 'GET', pathPrefix: '/_cluster/health' })).toHaveLength(2);
  });
});
