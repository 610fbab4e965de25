/**
 * Search and scroll with the JavaScript client through the proxy: a search
 * answers as the cluster answers it directly, and a scroll (the `scroll`
 * API with its scroll id, `helpers.scrollSearch`, then `clearScroll`) walks
 * every document exactly once.
 */
import { describeSandboxOnly } from '../../support/stack';
import { useStack } from '../../support/use-stack';
import { clusterRequests } from './support';

const TOTAL = 57;

const stack = useStack();
beforeEach(async () => {
  await stack.reset();
  const operations = Array.from({ length: TOTAL }, (_, i) => [{ index: { _index: 'mag-test-search', _id: `d${i}` } }, { n: i, colour: i % 3 === 0 ? 'red' : 'blue' }]).flat();
  const answer = await stack.direct.bulk({ operations, refresh: true });
  expect(answer.errors).toBe(false);
});

function withoutTook<T extends { took?: number }>(body: T): Omit<T, 'took'> {
  const { took: _took, ...rest } = body;
  return rest;
}

describeSandboxOnly('JS client search and scroll through the proxy', () => {
  it('search answers as the cluster does directly', async () => {
    const params = { index: 'mag-test-search', query: { term: { colour: 'red' } }, size: 5, from: 2 };
    const viaProxy = await stack.viaProxy.search(params);
    const direct = await stack.direct.search(params);
    expect(withoutTook(viaProxy)).toEqual(withoutTook(direct));
    expect(viaProxy.hits.total).toEqual({ value: 19, relation: 'eq' });
    expect(viaProxy.hits.hits).toHaveLength(5);
  });

  it('the scroll API walks every document once and clearScroll frees the context', async () => {
    const seen: string[] = [];
    let page = await stack.viaProxy.search({ index: 'mag-test-search', scroll: '1m', size: 10, query: { match_all: {} } });
    const scrollId = page._scroll_id!;
    expect(scrollId).toBeTruthy();
    while (page.hits.hits.length > 0) {
      seen.push(...page.hits.hits.map((h) => h._id!));
      page = await stack.viaProxy.scroll({ scroll_id: page._scroll_id!, scroll: '1m' });
    }
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);

    // The scroll calls reached the cluster (through the proxy) with the id the cluster gave out.
    const scrolls = await clusterRequests(stack, { pathPrefix: '/_search/scroll' });
    // 57 documents, 10 a page: the search gave the first page, then 5 scroll pages with hits and 1 empty one.
    expect(scrolls.filter((r) => r.method === 'POST')).toHaveLength(6);
    expect(scrolls.every((r) => r.body_text.includes(scrollId))).toBe(true);

    const cleared = await stack.viaProxy.clearScroll({ scroll_id: scrollId });
    expect(cleared).toEqual({ succeeded: true, num_freed: 1 });
    await expect(stack.viaProxy.scroll({ scroll_id: scrollId, scroll: '1m' })).rejects.toMatchObject({
      meta: { statusCode: 404, body: { error: { type: 'search_context_missing_exception' } } },
    });
  });

  it('helpers.scrollSearch yields every document once', async () => {
    const seen: number[] = [];
    for await (const result of stack.viaProxy.helpers.scrollSearch<{ n: number }>({ index: 'mag-test-search', size: 8, scroll: '1m', query: { match_all: {} } })) {
      for (const hit of result.body.hits.hits) seen.push(hit._source!.n);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
  });
});
