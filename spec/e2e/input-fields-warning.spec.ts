/**
 * The input-fields rule is only a warning (docs §2 step 12): the change goes
 * through and the answer carries `Warning: 299 Elasticsearch-... "..."`,
 * which the official client surfaces in `warnings`. The proxy adds it only
 * when the cluster did not send it itself.
 */
import { describeEverywhere, describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, seedInputFieldsDiffer } from '../support/fixtures';

const stack = useStack();
beforeEach(async () => {
  await stack.reset();
  await seedInputFieldsDiffer(stack.direct);
  await putTreeModel(stack.direct, 'mag-test-ab', { shape: 'one-leaf', fields: ['a', 'b'] });
});

const TEXT = 'The input fields for new model [mag-test-b] and for old model [mag-test-a] differ significantly, model results may change drastically.';

describeEverywhere('input-fields warning', () => {
  it('reaches the official client as a warning, exactly once', async () => {
    const result = await stack.viaProxy.ml.putTrainedModelAlias(
      { model_id: 'mag-test-b', model_alias: 'mag-test-alias', reassign: true },
      { meta: true },
    );
    expect(result.statusCode).toBe(200);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings![0]).toMatch(/^299 Elasticsearch-\S+ "The input fields for new model \[mag-test-b\] and for old model \[mag-test-a\] differ significantly, model results may change drastically\."/);
  });

  it('is not given when the fields overlap enough', async () => {
    const result = await stack.viaProxy.ml.putTrainedModelAlias(
      { model_id: 'mag-test-ab', model_alias: 'mag-test-alias', reassign: true },
      { meta: true },
    );
    expect(result.statusCode).toBe(200);
    expect(result.warnings ?? []).toHaveLength(0);
  });
});

describeSandboxOnly('warning added by the proxy when the cluster does not send it', () => {
  it('adds the warning with the cluster version and build hash', async () => {
    // The cluster answers the forwarded change with a plain 200 and no Warning.
    await stack.control('POST', '/_sandbox/faults', {
      method: 'PUT',
      path: '/_ml/trained_models/mag-test-b/model_aliases/',
      status: 200,
      body: { acknowledged: true },
    });
    const answer = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-b/model_aliases/mag-test-alias?reassign=true');
    expect(answer.status).toBe(200);
    const root = await raw(stack.esUrl, 'GET', '/');
    const { number, build_hash } = root.json.version;
    expect(answer.headers.warning).toBe(`299 Elasticsearch-${number}-${build_hash} "${TEXT}"`);
    expect(stack.decisions.at(-1)).toMatchObject({ verdict: 'allowed', warning: TEXT, upstreamStatus: 200 });
  });
});
