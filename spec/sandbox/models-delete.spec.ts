/** docs §1.6: DELETE trained model checks (references, alias references, deployed) and alias removal. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putPyTorchModel, putAlias, putPipeline, inferencePipeline, startDeployment } from '../support/fixtures';

describe('DELETE trained model on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'model-a');
    await putAlias(sb().url, 'model-a', 'the-alias');
  });

  it('refuses a model referenced by a pipeline without force (409)', async () => {
    await putPipeline(sb().url, 'p', inferencePipeline('model-a'));
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a');
    expect(r.status).toBe(409);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('Cannot delete model [model-a] as it is still referenced by ingest processors; use force to delete the model');
  });

  it('refuses a model whose alias is referenced, naming the alias', async () => {
    await putPipeline(sb().url, 'p', inferencePipeline('the-alias'));
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a');
    expect(r.status).toBe(409);
    expect(r.json.error.reason).toBe(
      'Cannot delete model [model-a] as it has a model_alias [the-alias] that is still referenced by ingest processors; use force to delete the model',
    );
  });

  it('refuses a deployed model without force, force-stops it with force', async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/torch');
    expect(r.status).toBe(409);
    expect(r.json.error.reason).toBe('Cannot delete model [torch] as it is currently deployed; use force to delete the model');
    const f = await raw(sb().url, 'DELETE', '/_ml/trained_models/torch?force=true');
    expect(f.status).toBe(200);
    const cs = await raw(sb().url, 'GET', '/_cluster/state/metadata?filter_path=metadata.trained_model_assignment');
    expect(cs.json).toEqual({ metadata: { trained_model_assignment: {} } });
  });

  it('removes the model and its aliases', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/model-a');
    expect(r.json).toEqual({ acknowledged: true });
    expect((await raw(sb().url, 'GET', '/_ml/trained_models/the-alias')).status).toBe(404);
    const cs = await raw(sb().url, 'GET', '/_cluster/state/metadata?filter_path=metadata.trained_model_alias');
    expect(cs.json.metadata.trained_model_alias.model_aliases).toEqual({});
  });

  it('answers an unknown model with 404', async () => {
    const r = await raw(sb().url, 'DELETE', '/_ml/trained_models/missing');
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('No known trained model with model_id [missing]');
  });
});
