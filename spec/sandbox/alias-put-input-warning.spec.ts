/** docs §2 step 12 and docs §5.5: the input-field rule is a Warning header, not an error. */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { formatWarning } from '../../src/sandbox/rest/response';
import { inputsDifferSignificantly } from '../../src/sandbox/handlers/model-aliases';
import { putTreeModel, putAlias } from '../support/fixtures';

describe.each(['8.15.0', '7.17.0'])('PUT alias input warning on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });

  it('answers 200 with a Warning: 299 header and still moves the alias', async () => {
    await putTreeModel(sb().url, 'old-m', { fields: ['a'] });
    await putTreeModel(sb().url, 'new-m', { fields: ['b'] });
    await putAlias(sb().url, 'old-m', 'the-alias');
    const root = await raw(sb().url, 'GET', '/');
    const r = await putAlias(sb().url, 'new-m', 'the-alias', true);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ acknowledged: true });
    expect(r.headers['warning']).toBe(
      `299 Elasticsearch-${esVersion}-${root.json.version.build_hash} "The input fields for new model [new-m] and for old model [old-m] differ significantly, model results may change drastically."`,
    );
    const g = await raw(sb().url, 'GET', '/_ml/trained_models/the-alias');
    expect(g.json.trained_model_configs[0].model_id).toBe('new-m');
    const state = await control(sb().url, 'GET', '/state');
    expect(state.json.audit).toEqual([expect.objectContaining({ model_id: 'old-m', level: 'warning' })]);
  });

  it('sends no warning when the fields overlap enough', async () => {
    await putTreeModel(sb().url, 'old-m', { fields: ['a', 'b'] });
    await putTreeModel(sb().url, 'new-m', { fields: ['a'] });
    await putAlias(sb().url, 'old-m', 'the-alias');
    const r = await putAlias(sb().url, 'new-m', 'the-alias', true);
    expect(r.status).toBe(200);
    expect(r.headers['warning']).toBeUndefined();
  });
});

describe('input-field rule and Warning formatting', () => {
  it.each([
    [['a'], ['b'], true],
    [['a', 'b'], ['a'], false],
    [[], ['x'], false],
    [['a', 'b', 'c', 'd'], ['a', 'b'], false],
    [['a', 'b', 'c', 'd'], ['a'], true],
    [['a', 'b', 'c'], ['a'], true],
  ])('O=%j N=%j warns=%s', (o, n, w) => {
    expect(inputsDifferSignificantly(o, n)).toBe(w);
  });

  it('escapes quotes and backslashes and percent-encodes % and non-qdtext characters', () => {
    expect(formatWarning('8.15.0', 'abc', 'a "q" \\ 100% é\u2603\n')).toBe('299 Elasticsearch-8.15.0-abc "a \\"q\\" \\\\ 100%25 é%E2%98%83%0A"');
  });
});
