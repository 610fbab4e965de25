/**
 * Two changes of the same alias through one proxy are decided one after the
 * other, each on fresh facts: the second sees the alias the first created.
 */
import { describeSandboxOnly } from '../support/stack';
import { raw } from '../support/http-client';
import { useStack } from '../support/use-stack';
import { putTreeModel } from '../support/fixtures';

const stack = useStack();

describeSandboxOnly('same-alias changes are serialised', () => {
  it('the second of two racing creations sees the first and needs reassign', async () => {
    await stack.reset();
    await putTreeModel(stack.direct, 'mag-test-a', { shape: 'one-leaf' });
    await putTreeModel(stack.direct, 'mag-test-b', { shape: 'one-leaf' });
    // Slow the cluster's answer to the first change, so both would read "no alias yet" without the lock.
    await stack.control('POST', '/_sandbox/faults', { method: 'PUT', path: '/_ml/trained_models/mag-test-a/model_aliases/', delayMs: 300 });
    const [first, second] = await Promise.all([
      raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-a/model_aliases/mag-test-alias'),
      new Promise((r) => setTimeout(r, 50)).then(() => raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-b/model_aliases/mag-test-alias')),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(second.json.error.reason).toMatch(/as model_alias already refers to \[mag-test-a\]/);
    const decisions = stack.decisions;
    expect(decisions.map((d) => d.verdict)).toEqual(['allowed', 'refused']);
  });

  it('changes of different aliases do not wait for each other', async () => {
    await stack.reset();
    await putTreeModel(stack.direct, 'mag-test-a', { shape: 'one-leaf' });
    await stack.control('POST', '/_sandbox/faults', { method: 'PUT', path: '/_ml/trained_models/mag-test-a/model_aliases/mag-test-slow', delayMs: 1000 });
    const slow = raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-a/model_aliases/mag-test-slow');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const fast = await raw(stack.proxyUrl, 'PUT', '/_ml/trained_models/mag-test-a/model_aliases/mag-test-fast');
    expect(fast.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(800);
    expect((await slow).status).toBe(200);
  });
});
