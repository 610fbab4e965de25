/** _infer (alias resolution, deterministic fake results, deprecated route warning) and PyTorch definition parts / vocabulary. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putPyTorchModel, putAlias, startDeployment } from '../support/fixtures';

describe('_infer and model parts on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0' });

  it('resolves an alias and answers a deterministic result', async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
    await putAlias(sb().url, 'torch', 'emb');
    const body = { docs: [{ text_field: 'hello' }] };
    const a = await raw(sb().url, 'POST', '/_ml/trained_models/emb/_infer', { body });
    const b = await raw(sb().url, 'POST', '/_ml/trained_models/torch/_infer', { body });
    expect(a.status).toBe(200);
    expect(a.json.inference_results[0].predicted_value).toHaveLength(8);
    expect(a.json).toEqual(b.json);
    const other = await raw(sb().url, 'POST', '/_ml/trained_models/torch/_infer', { body: { docs: [{ text_field: 'other' }] } });
    expect(other.json).not.toEqual(a.json);
  });

  it('requires a body', async () => {
    await putTreeModel(sb().url, 'tree');
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/tree/_infer');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('requires body');
  });

  it('refuses an undeployed PyTorch model', async () => {
    await putPyTorchModel(sb().url, 'idle');
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/idle/_infer', { body: { docs: [{ text_field: 'x' }] } });
    expect(r.status).toBe(409);
  });

  it('warns on the deprecated /deployment/_infer route', async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
    const r = await raw(sb().url, 'POST', '/_ml/trained_models/torch/deployment/_infer', { body: { docs: [{ text_field: 'x' }] } });
    expect(r.status).toBe(200);
    expect(r.headers['warning']).toMatch(
      /"\[POST \/_ml\/trained_models\/{model_id}\/deployment\/_infer\] is deprecated! Use \[POST \/_ml\/trained_models\/{model_id}\/_infer\] instead\."$/,
    );
  });

  it('records definition parts and vocabulary and reports fully_defined', async () => {
    await putPyTorchModel(sb().url, 'torch', { withDefinition: false });
    const d0 = await raw(sb().url, 'GET', '/_ml/trained_models/torch?include=definition_status');
    expect(d0.json.trained_model_configs[0].fully_defined).toBe(false);
    const part = await raw(sb().url, 'PUT', '/_ml/trained_models/torch/definition/0', { body: { definition: Buffer.from('abc').toString('base64'), total_definition_length: 3, total_parts: 1 } });
    expect(part.json).toEqual({ acknowledged: true });
    const voc = await raw(sb().url, 'PUT', '/_ml/trained_models/torch/vocabulary', { body: { vocabulary: ['[PAD]', '[UNK]'] } });
    expect(voc.json).toEqual({ acknowledged: true });
    const d1 = await raw(sb().url, 'GET', '/_ml/trained_models/torch?include=definition_status');
    expect(d1.json.trained_model_configs[0].fully_defined).toBe(true);
    const bad = await raw(sb().url, 'PUT', '/_ml/trained_models/torch/definition/5', { body: { definition: 'YQ==', total_definition_length: 1, total_parts: 1 } });
    expect(bad.status).toBe(400);
    const missing = await raw(sb().url, 'PUT', '/_ml/trained_models/nope/vocabulary', { body: { vocabulary: [] } });
    expect(missing.status).toBe(404);
  });
});
