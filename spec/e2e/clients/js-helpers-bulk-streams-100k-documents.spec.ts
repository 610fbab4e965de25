/**
 * `client.helpers.bulk` streams documents from an async iterator into
 * NDJSON `_bulk` requests (flushed every few MB, several in flight). Through
 * the proxy, 100 000 documents must all be indexed, every byte the helper
 * sent must have reached the cluster, and count/search through the proxy
 * must then show them.
 */
import { describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { clusterRequests } from './support';

const TOTAL = 100_000;

const stack = useStack();

const doc = (i: number) => ({ id: `doc-${i}`, n: i, parity: i % 2 === 0 ? 'even' : 'odd', text: `document number ${i} ✓` });
const action = (d: { id: string }) => ({ index: { _index: 'mag-test-bulk', _id: d.id } });

async function* documents(): AsyncGenerator<ReturnType<typeof doc>> {
  for (let i = 0; i < TOTAL; i++) yield doc(i);
}

/** The NDJSON size of all documents: an action line and a source line, each newline-terminated. */
function expectedNdjsonBytes(): number {
  let bytes = 0;
  for (let i = 0; i < TOTAL; i++) bytes += Buffer.byteLength(`${JSON.stringify(action(doc(i)))}\n${JSON.stringify(doc(i))}\n`);
  return bytes;
}

describeSandboxOnly('JS client helpers.bulk through the proxy', () => {
  it('indexes 100 000 streamed documents, all bytes reach the cluster, then count and search show them', async () => {
    const failures: unknown[] = [];
    const stats = await stack.viaProxy.helpers.bulk({
      datasource: documents(),
      onDocument: action,
      onDrop: (dropped) => failures.push(dropped),
      flushBytes: 1_000_000,
      concurrency: 3,
      retries: 0,
      refreshOnCompletion: 'mag-test-bulk',
    });
    expect(failures).toEqual([]);
    expect(stats).toMatchObject({ total: TOTAL, successful: TOTAL, failed: 0, aborted: false });

    // Every NDJSON byte the helper produced reached the cluster, in several requests, all answered 200.
    const bulks = (await clusterRequests(stack, { method: 'POST', pathPrefix: '/_bulk' })).filter((r) => r.url.split('?')[0] === '/_bulk');
    expect(bulks.length).toBeGreaterThan(5);
    expect(bulks.every((r) => r.status === 200)).toBe(true);
    expect(bulks.reduce((sum, r) => sum + r.body_length, 0)).toBe(expectedNdjsonBytes());

    expect((await stack.viaProxy.count({ index: 'mag-test-bulk' })).count).toBe(TOTAL);
    expect((await stack.direct.count({ index: 'mag-test-bulk' })).count).toBe(TOTAL);
    const even = await stack.viaProxy.count({ index: 'mag-test-bulk', query: { term: { parity: 'even' } } });
    expect(even.count).toBe(TOTAL / 2);

    const last = await stack.viaProxy.search({ index: 'mag-test-bulk', query: { ids: { values: [`doc-${TOTAL - 1}`] } } });
    expect(last.hits.total).toEqual({ value: 1, relation: 'eq' });
    expect(last.hits.hits[0]!._source).toEqual(doc(TOTAL - 1));
    const all = await stack.viaProxy.search({ index: 'mag-test-bulk', size: 0 });
    expect(all.hits.total).toEqual({ value: TOTAL, relation: 'eq' });
  }, 60_000); // about 5 s on an idle machine; bounded generously for a loaded CI runner
});
