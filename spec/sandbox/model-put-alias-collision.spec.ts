/** docs §1.7: a new model id equal to an existing alias is refused. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putAlias, TREE_DEFINITION } from '../support/fixtures';

describe.each(['8.15.0', '7.17.0'])('PUT trained model on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });

  it('refuses an id that is an existing alias', async () => {
    await putTreeModel(sb().url, 'model-a');
    await putAlias(sb().url, 'model-a', 'taken');
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/taken', { body: { input: { field_names: ['a'] }, inference_config: { regression: {} }, definition: TREE_DEFINITION } });
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe('requested model_id [taken] is the same as an existing model_alias. Model model_aliases and ids must be unique');
  });

  it('refuses an existing id', async () => {
    await putTreeModel(sb().url, 'model-a');
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/model-a', { body: { input: { field_names: ['a'] }, inference_config: { regression: {} }, definition: TREE_DEFINITION } });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Trained machine learning model [model-a] already exists');
  });

  it('refuses generated fields such as license_level', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/m', { body: { license_level: 'basic', input: { field_names: ['a'] }, inference_config: { regression: {} }, definition: TREE_DEFINITION } });
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('Validation Failed: 1: illegal to set [license_level] at inference model creation;');
  });

  it('requires a body', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/m');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('requires body');
  });
});
