/**
 * When a metadata read fails, the alias change is not forwarded: 503 with an
 * Elasticsearch-shaped body naming the read and a Retry-After (README,
 * "Safety properties"). Each kind of failure is injected into the sandbox.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel, putAliasOrThrow } from '../support/fixtures';

const stack = useStack({ proxy: { METADATA_TIMEOUT_MS: 300 } });
beforeEach(async () => {
  await stack.reset();
  await putTreeModel(stack.direct, 'mag-test-reg-1', { shape: 'one-leaf' });
  await putTreeModel(stack.direct, 'mag-test-reg-2', { shape: 'one-leaf' });
  await putAliasOrThrow(stack.direct, 'mag-test-reg-1', 'mag-test-alias');
  await stack.control('DELETE', '/_sandbox/requests');
});

const CHANGE = '/_ml/trained_models/mag-test-reg-2/model_aliases/mag-test-alias?reassign=true';

async function expectFailedClosed(fault: Record<string, unknown>, readNamed: RegExp) {
  await stack.control('POST', '/_sandbox/faults', { method: 'GET', ...fault });
  const answer = await raw(stack.proxyUrl, 'PUT', CHANGE);
  expect(answer.status).toBe(503);
  expect(answer.headers['retry-after']).toBe('1');
  expect(answer.json.status).toBe(503);
  expect(answer.json.error.type).toBe('model_alias_guard_metadata_unavailable_exception');
  expect(answer.json.error.reason).toMatch(readNamed);
  expect(answer.json.error.root_cause[0].type).toBe('model_alias_guard_metadata_unavailable_exception');
  // The proxy does not claim to be Elasticsearch on its own failures.
  expect(answer.headers['x-elastic-product']).toBeUndefined();
  const log = await stack.control('GET', '/_sandbox/requests?method=PUT');
  expect(log.requests).toHaveLength(0);
  const model = await stack.direct.ml.getTrainedModels({ model_id: 'mag-test-alias' });
  expect(model.trained_model_configs[0].model_id).toBe('mag-test-reg-1');
  const decision = stack.decisions.at(-1)!;
  expect(decision).toMatchObject({ verdict: 'failed_closed', status: 503 });
}

describeSandboxOnly('fail closed on every kind of read failure', () => {
  it('a 5xx answer to the alias read', async () => {
    await expectFailedClosed({ path: '/_ml/trained_models/mag-test-alias', status: 500 }, /read \[GET _ml\/trained_models\/mag-test-alias\] failed: status 500/);
  });

  it('a dropped connection on the new model read', async () => {
    await expectFailedClosed({ path: '/_ml/trained_models/mag-test-reg-2', drop: true, count: 2 }, /read \[GET _ml\/trained_models\/mag-test-reg-2\] failed: connection failed/);
  });

  it('a read that takes longer than METADATA_TIMEOUT_MS', async () => {
    await expectFailedClosed({ path: '/_ml/trained_models/mag-test-alias', delayMs: 1500 }, /read \[GET _ml\/trained_models\/mag-test-alias\] failed: timed out/);
  });

  it('an answer that is not JSON', async () => {
    await expectFailedClosed({ path: '/_ml/trained_models/mag-test-reg-2', malformed: 'non_json', count: 2 }, /unexpected answer shape: not JSON/);
  });

  it('an answer of the wrong shape', async () => {
    await expectFailedClosed({ path: '/_ml/trained_models/mag-test-alias', malformed: 'wrong_shape' }, /read \[GET _ml\/trained_models\/mag-test-alias\] failed: unexpected answer shape/);
  });

  it('a cut answer', async () => {
    await expectFailedClosed({ path: '/_ml/trained_models/mag-test-alias', malformed: 'truncated' }, /read \[GET _ml\/trained_models\/mag-test-alias\] failed/);
  });

  it('a 404 that is not an Elasticsearch not-found answer', async () => {
    await expectFailedClosed(
      { path: '/_ml/trained_models/mag-test-reg-2', count: 2, status: 404, body: '<html>not here</html>', headers: { 'content-type': 'text/html' } },
      /status 404 that is not an Elasticsearch not-found answer/,
    );
  });

  it('recovers once the cluster answers again', async () => {
    await stack.control('POST', '/_sandbox/faults', { method: 'GET', path: '/_ml/trained_models/mag-test-alias', status: 503 });
    expect((await raw(stack.proxyUrl, 'PUT', CHANGE)).status).toBe(503);
    const again = await raw(stack.proxyUrl, 'PUT', CHANGE);
    expect(again.status).toBe(200);
    const model = await stack.direct.ml.getTrainedModels({ model_id: 'mag-test-alias' });
    expect(model.trained_model_configs[0].model_id).toBe('mag-test-reg-2');
  });

  it('a failing read the decision does not need cannot fail the request', async () => {
    // Tree models: the deployment reads are not needed, so a failing _stats read does not matter.
    await stack.control('POST', '/_sandbox/faults', { method: 'GET', path: '/_ml/trained_models/mag-test-reg-2/_stats', status: 500 });
    expect((await raw(stack.proxyUrl, 'PUT', CHANGE)).status).toBe(200);
  });
});
