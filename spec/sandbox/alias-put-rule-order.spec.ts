/** docs §2: the whole ordered rule list, checked pairwise where two rules could both fire. */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putTreeModel, putPyTorchModel, putAlias, startDeployment } from '../support/fixtures';

describe('PUT alias rule order on 8.15', () => {
  const sb = useSandbox({ esVersion: '8.15.0', license: 'basic' });
  beforeEach(async () => {
    await putTreeModel(sb().url, 'reg-1');
    await putTreeModel(sb().url, 'class-1', { config: 'classification' });
    await control(sb().url, 'POST', '/models/reg-1', { license_level: 'basic' });
    await putAlias(sb().url, 'reg-1', 'the-alias');
  });

  it('1 route → 3 bad boolean → 4 unknown parameter → 5 body', async () => {
    const p = '/_ml/trained_models/reg-1/model_aliases/the-alias';
    expect((await raw(sb().url, 'PUT', `${p}?reassign=x&zz=1`, { body: {} })).json.error.reason).toMatch(/^Failed to parse value \[x\]/);
    expect((await raw(sb().url, 'PUT', `${p}?zz=1`, { body: {} })).json.error.reason).toMatch(/unrecognized parameter: \[zz\]/);
    expect((await raw(sb().url, 'PUT', p, { body: {} })).json.error.reason).toMatch(/does not support having a body/);
  });

  it('2 Content-Type gate before 3 parameter parsing', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/reg-1/model_aliases/the-alias?reassign=x', { body: 'x', headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(406);
  });

  it('6 validation before 9 reassign', async () => {
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/reg-1/model_aliases/reg-1');
    expect(r.json.error.type).toBe('action_request_validation_exception');
  });

  it('9 reassign before 10a collision', async () => {
    // an alias that is also a model id can only exist through the control API
    await putTreeModel(sb().url, 'taken-name');
    await control(sb().url, 'POST', '/aliases/taken-name', { model_id: 'reg-1' });
    const r = await putAlias(sb().url, 'reg-1', 'taken-name');
    expect(r.json.error.reason).toMatch(/already refers to \[reg-1\]/);
  });

  it('10a collision wins over 10b missing model once reassign is given', async () => {
    await putTreeModel(sb().url, 'taken-name');
    await control(sb().url, 'POST', '/aliases/taken-name', { model_id: 'reg-1' });
    const r = await raw(sb().url, 'PUT', '/_ml/trained_models/missing/model_aliases/taken-name?reassign=true');
    expect(r.json.error.reason).toBe('model_alias cannot be the same as an existing trained model_id');
  });

  it('10b missing model before 10c licence', async () => {
    const r = await putAlias(sb().url, 'missing', 'other');
    expect(r.status).toBe(404);
  });

  it('10c licence before 11a compatibility', async () => {
    const r = await putAlias(sb().url, 'class-1', 'the-alias', true);
    expect(r.status).toBe(403);
  });

  it('11a config name before 11b model type', async () => {
    await control(sb().url, 'POST', '/license', { type: 'trial' });
    await putPyTorchModel(sb().url, 'torch-ner', { config: 'ner' });
    const r = await putAlias(sb().url, 'torch-ner', 'the-alias', true);
    expect(r.json.error.reason).toMatch(/with inference config type \[ner\] from model \[reg-1\] with type \[regression\]/);
  });

  it('11b model type before 11c deployment', async () => {
    await control(sb().url, 'POST', '/license', { type: 'trial' });
    await putTreeModel(sb().url, 'tree-te', { config: 'text_embedding' });
    await putPyTorchModel(sb().url, 'torch-te');
    await putAlias(sb().url, 'tree-te', 'emb');
    const r = await putAlias(sb().url, 'torch-te', 'emb', true);
    expect(r.json.error.reason).toMatch(/with type \[pytorch\] from model \[tree-te\] with type \[tree_ensemble\]/);
  });

  it('11c refusal comes without the 12 warning', async () => {
    await control(sb().url, 'POST', '/license', { type: 'trial' });
    await putPyTorchModel(sb().url, 'old-m', { fields: ['a'] });
    await putPyTorchModel(sb().url, 'new-m', { fields: ['b'] });
    await putAlias(sb().url, 'old-m', 'emb');
    await startDeployment(sb().url, 'old-m');
    const r = await putAlias(sb().url, 'new-m', 'emb', true);
    expect(r.status).toBe(400);
    expect(r.headers['warning']).toBeUndefined();
  });
});
