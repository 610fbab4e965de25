/** The official @elastic/elasticsearch client against the sandbox (no proxy): product check, ML APIs, errors, sniffing. */
import { Client, errors } from '@elastic/elasticsearch';
import { useSandbox, control } from './helpers';
import { putTreeModel, putPyTorchModel } from '../support/fixtures';

describe('official client on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  let client: Client;
  beforeEach(() => {
    client = new Client({ node: sb().url });
  });
  afterEach(() => client.close());

  it('passes the product check and reads info', async () => {
    const info = await client.info();
    expect(info.version.number).toBe('8.15.0');
  });

  it('drives the alias lifecycle through the client', async () => {
    await putTreeModel(sb().url, 'model-a');
    await putTreeModel(sb().url, 'model-b');
    expect(await client.ml.putTrainedModelAlias({ model_id: 'model-a', model_alias: 'the-alias' })).toEqual({ acknowledged: true });
    const got = await client.ml.getTrainedModels({ model_id: 'the-alias' });
    expect(got.trained_model_configs[0]!.model_id).toBe('model-a');
    expect(got.trained_model_configs[0]!.metadata?.model_aliases).toEqual(['the-alias']);
    await expect(client.ml.putTrainedModelAlias({ model_id: 'model-b', model_alias: 'the-alias' })).rejects.toMatchObject({
      meta: { statusCode: 400, body: { error: { type: 'status_exception' } } },
    });
    await client.ml.putTrainedModelAlias({ model_id: 'model-b', model_alias: 'the-alias', reassign: true });
    await client.ml.deleteTrainedModelAlias({ model_id: 'model-b', model_alias: 'the-alias' });
  });

  it('surfaces the Warning header to the client', async () => {
    await putTreeModel(sb().url, 'old-m', { fields: ['a'] });
    await putTreeModel(sb().url, 'new-m', { fields: ['b'] });
    await client.ml.putTrainedModelAlias({ model_id: 'old-m', model_alias: 'w-alias' });
    const r = await client.ml.putTrainedModelAlias({ model_id: 'new-m', model_alias: 'w-alias', reassign: true }, { meta: true });
    expect(r.warnings).toEqual([expect.stringMatching(/^299 Elasticsearch-8\.15\.0-[0-9a-f]{40} "The input fields for new model \[new-m\]/)]);
  });

  it('starts and stops deployments and reads stats', async () => {
    await putPyTorchModel(sb().url, 'torch');
    const s = await client.ml.startTrainedModelDeployment({ model_id: 'torch', wait_for: 'fully_allocated' });
    expect(s.assignment.assignment_state).toBe('started');
    const stats = await client.ml.getTrainedModelsStats({ model_id: 'torch' });
    expect(stats.trained_model_stats[0]!.deployment_stats?.allocation_status?.state).toBe('fully_allocated');
    expect(await client.ml.stopTrainedModelDeployment({ model_id: 'torch' })).toEqual({ stopped: true });
  });

  it('raises ResponseError with the ES body for 404s', async () => {
    const e = await client.ml.getTrainedModels({ model_id: 'missing' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(errors.ResponseError);
    expect((e as errors.ResponseError).statusCode).toBe(404);
    expect((e as errors.ResponseError).body).toMatchObject({ error: { type: 'resource_not_found_exception', reason: 'No known trained model with model_id [missing]' } });
  });

  it('bulk-indexes with the helper and searches', async () => {
    const res = await client.helpers.bulk({ datasource: Array.from({ length: 500 }, (_, i) => ({ n: i })), onDocument: () => ({ index: { _index: 'docs' } }) });
    expect(res.successful).toBe(500);
    const found = await client.search({ index: 'docs', query: { match_all: {} }, size: 1 });
    expect(found.hits.total).toEqual({ value: 500, relation: 'eq' });
  });

  it('sniffs the sandbox itself through _nodes/_all/http', async () => {
    const c = new Client({ node: sb().url, sniffOnStart: false });
    try {
      const r = await c.nodes.info({ node_id: '_all', metric: 'http', filter_path: 'nodes.*.http.publish_address' });
      const addresses = Object.values(r.nodes).map((n) => n.http?.publish_address);
      expect(addresses).toEqual([new URL(sb().url).host]);
    } finally {
      await c.close();
    }
  });

  it('retries past an injected 502 and reports dropped connections', async () => {
    await control(sb().url, 'POST', '/faults', { path: '/', method: 'GET', status: 502, count: 1 });
    const info = await client.info();
    expect(info.version.number).toBe('8.15.0');
    const noRetry = new Client({ node: sb().url, maxRetries: 0 });
    try {
      await control(sb().url, 'POST', '/faults', { path: '/', method: 'GET', drop: true });
      await expect(noRetry.info()).rejects.toBeInstanceOf(errors.ConnectionError);
    } finally {
      await noRetry.close();
    }
  });
});
