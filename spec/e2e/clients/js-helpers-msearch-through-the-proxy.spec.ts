/**
 * docs §11: the JS client's `helpers.msearch` (which batches searches into `_msearch`) works
 * through the proxy against the sandbox, as real tools need it.
 */
import { useStack } from '../../support/use-stack';
import { describeSandboxOnly } from '../../support/stack';

describeSandboxOnly('JS client helpers.msearch through the proxy', () => {
  const stack = useStack();
  beforeEach(async () => stack.reset());

  it('answers each batched search with its own hits', async () => {
    const c = stack.viaProxy;
    await c.index({ index: 'mag-test-logs', id: '1', document: { level: 'info' }, refresh: true });
    await c.index({ index: 'mag-test-logs', id: '2', document: { level: 'warn' }, refresh: true });
    const m = c.helpers.msearch({ operations: 2, flushInterval: 50 });
    try {
      const [all, warn] = await Promise.all([
        m.search({ index: 'mag-test-logs' }, { query: { match_all: {} } }),
        m.search({ index: 'mag-test-logs' }, { query: { term: { level: 'warn' } } }),
      ]);
      expect(all.body.hits.hits.map((h) => h._id).sort()).toEqual(['1', '2']);
      expect(warn.body.hits.hits.map((h) => h._id)).toEqual(['2']);
    } finally {
      m.stop();
    }
  });
});
