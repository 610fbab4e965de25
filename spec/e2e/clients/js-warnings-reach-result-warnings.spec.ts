/**
 * A `Warning: 299 Elasticsearch-…` header reaches the JavaScript client's
 * `result.warnings` through the proxy, whoever wrote it: the cluster on a
 * passthrough request, the cluster on a guarded alias move (the input-fields
 * warning, given exactly once, as the cluster gives it directly), or the
 * guard itself when the cluster did not send it.
 */
import { describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { putTreeModel, seedInputFieldsDiffer } from '../../support/fixtures';

const stack = useStack();

async function aliasOnA(): Promise<void> {
  await stack.reset();
  await seedInputFieldsDiffer(stack.direct);
}

const TEXT = 'The input fields for new model [mag-test-b] and for old model [mag-test-a] differ significantly, model results may change drastically.';

describeSandboxOnly('Warning headers in the JS client through the proxy', () => {
  it('the cluster’s input-fields warning of an alias move shows once, as it does directly', async () => {
    await aliasOnA();
    const direct = await stack.direct.ml.putTrainedModelAlias({ model_id: 'mag-test-b', model_alias: 'mag-test-alias', reassign: true }, { meta: true });
    await aliasOnA();
    const viaProxy = await stack.viaProxy.ml.putTrainedModelAlias({ model_id: 'mag-test-b', model_alias: 'mag-test-alias', reassign: true }, { meta: true });

    expect(direct.warnings).toHaveLength(1);
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.body).toEqual({ acknowledged: true });
    expect(viaProxy.warnings).toEqual(direct.warnings);
    expect(viaProxy.warnings![0]).toContain(`"${TEXT}"`);
  });

  it('the guard’s own warning shows when the cluster answered without one', async () => {
    await aliasOnA();
    await stack.control('POST', '/_sandbox/faults', {
      method: 'PUT',
      path: '/_ml/trained_models/mag-test-b/model_aliases/',
      status: 200,
      body: { acknowledged: true },
    });
    const info = await stack.direct.info();
    const viaProxy = await stack.viaProxy.ml.putTrainedModelAlias({ model_id: 'mag-test-b', model_alias: 'mag-test-alias', reassign: true }, { meta: true });
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.warnings).toEqual([`299 Elasticsearch-${info.version.number}-${info.version.build_hash} "${TEXT}"`]);
  });

  it('a cluster warning on a passthrough request shows verbatim', async () => {
    await stack.reset();
    const warning = '299 Elasticsearch-8.15.0-1a77947f34deddb41af25e6f0ddb8e830159c179 "[ignore_throttled] parameter is deprecated because frozen indices have been deprecated. Consider cold or frozen tiers in place of frozen indices."';
    await stack.control('POST', '/_sandbox/faults', {
      path: '/mag-test-w/_search',
      status: 200,
      headers: { Warning: warning },
      body: { took: 1, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 0, relation: 'eq' }, max_score: null, hits: [] } },
    });
    const viaProxy = await stack.viaProxy.search({ index: 'mag-test-w', ignore_throttled: true }, { meta: true });
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.warnings).toEqual([warning]);
  });

  it('no warning shows when there is none (the move keeps overlapping fields)', async () => {
    await aliasOnA();
    await putTreeModel(stack.direct, 'mag-test-a2', { shape: 'one-leaf', fields: ['a'] });
    const viaProxy = await stack.viaProxy.ml.putTrainedModelAlias({ model_id: 'mag-test-a2', model_alias: 'mag-test-alias', reassign: true }, { meta: true });
    expect(viaProxy.statusCode).toBe(200);
    expect(viaProxy.warnings).toBeNull();
  });
});
