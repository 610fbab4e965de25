/** docs §2 step 11a: the inference-config names must match when moving an alias. */
import { useSandbox } from './helpers';
import { putTreeModel, putAlias } from '../support/fixtures';

describe.each(['8.15.0', '8.7.0', '8.5.0', '7.17.0'])('PUT alias inference config on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'reg-1');
    await putTreeModel(sb().url, 'reg-2');
    await putTreeModel(sb().url, 'class-1', { config: 'classification' });
    await putAlias(sb().url, 'reg-1', 'the-alias');
  });

  it('refuses moving from regression to classification', async () => {
    const r = await putAlias(sb().url, 'class-1', 'the-alias', true);
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe(
      'cannot reassign model_alias [the-alias] to model [class-1] with inference config type [classification] from model [reg-1] with type [regression]',
    );
  });

  it('allows moving between two regression models', async () => {
    expect((await putAlias(sb().url, 'reg-2', 'the-alias', true)).status).toBe(200);
  });

  it('does not check a new alias (no old model)', async () => {
    expect((await putAlias(sb().url, 'class-1', 'other-alias')).status).toBe(200);
  });
});
