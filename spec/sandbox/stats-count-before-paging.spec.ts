/**
 * `_stats` count is expandIds' total hit count (TrainedModelProvider.expandIds:
 * `totalHitCount = hits.total + foundResourceIds.size()`), not the size of the page.
 */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel } from '../support/fixtures';

describe('_stats count with from/size', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('counts every matched model while listing only the page', async () => {
    for (const id of ['a1', 'a2', 'a3']) await putTreeModel(sb().url, id);
    const r = await raw(sb().url, 'GET', '/_ml/trained_models/a*/_stats?from=1&size=1');
    expect(r.json.count).toBe(3);
    expect(r.json.trained_model_stats.map((e: { model_id: string }) => e.model_id)).toEqual(['a2']);
  });
});
