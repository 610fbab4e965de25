/** docs §2 step 11b: model-type equality, applied from 8.6 only (docs §2.1). */
import { useSandbox } from './helpers';
import { putTreeModel, putPyTorchModel, putAlias, startDeployment } from '../support/fixtures';

describe('PUT alias model type on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    // same inference config name on both sides, so only the type differs
    await putTreeModel(sb().url, 'tree-te', { config: 'text_embedding' });
    await putPyTorchModel(sb().url, 'torch-te');
    await startDeployment(sb().url, 'torch-te');
  });

  it('refuses moving from a tree_ensemble to a pytorch model', async () => {
    await putAlias(sb().url, 'tree-te', 'emb');
    const r = await putAlias(sb().url, 'torch-te', 'emb', true);
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('cannot reassign model_alias [emb] to model [torch-te] with type [pytorch] from model [tree-te] with type [tree_ensemble]');
  });

  it('refuses moving from a pytorch to a tree_ensemble model', async () => {
    await putAlias(sb().url, 'torch-te', 'emb');
    const r = await putAlias(sb().url, 'tree-te', 'emb', true);
    expect(r.json.error.reason).toBe('cannot reassign model_alias [emb] to model [tree-te] with type [tree_ensemble] from model [torch-te] with type [pytorch]');
  });
});

describe.each(['8.5.0'])('PUT alias model type on %s (no type check before 8.6)', (esVersion) => {
  const sb = useSandbox({ esVersion });
  it('allows moving from a tree_ensemble to a pytorch model', async () => {
    await putTreeModel(sb().url, 'tree-te', { config: 'text_embedding' });
    await putPyTorchModel(sb().url, 'torch-te');
    await putAlias(sb().url, 'tree-te', 'emb');
    const r = await putAlias(sb().url, 'torch-te', 'emb', true);
    expect(r.status).toBe(200);
  });
});
