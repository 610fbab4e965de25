/** docs §2 step 11c: PyTorch deployment-state checks (8.6+), absent in 8.5. */
import { useSandbox, control } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, putAlias, startDeployment } from '../support/fixtures';

const NOT_ALLOCATED = 'cannot reassign model_alias [emb] to model [new-m]  from model [old-m] as it is not yet allocated to any nodes';
const NOT_DEPLOYED = 'cannot reassign model_alias [emb] to model [new-m] from model [old-m] as it is not yet deployed';

describe.each(['8.15.0', '8.7.0'])('PUT alias PyTorch checks on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'old-m');
    await putPyTorchModel(sb().url, 'new-m');
    await putAlias(sb().url, 'old-m', 'emb');
  });

  it('allows any move while the old model is not deployed', async () => {
    expect((await putAlias(sb().url, 'new-m', 'emb', true)).status).toBe(200);
  });

  it('refuses moving from a deployed model to an undeployed one', async () => {
    await startDeployment(sb().url, 'old-m');
    const r = await putAlias(sb().url, 'new-m', 'emb', true);
    expect(r.status).toBe(400);
    expect(r.json.error.type).toBe('status_exception');
    expect(r.json.error.reason).toBe(NOT_DEPLOYED);
  });

  it('refuses moving to a deployment still starting (two spaces before "from")', async () => {
    await startDeployment(sb().url, 'old-m');
    await startDeployment(sb().url, 'new-m');
    await control(sb().url, 'POST', '/deployments/new-m/state', { allocation: 'starting' });
    const r = await putAlias(sb().url, 'new-m', 'emb', true);
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe(NOT_ALLOCATED);
  });

  it('refuses moving to a stopping deployment (no allocation status)', async () => {
    await startDeployment(sb().url, 'old-m');
    await startDeployment(sb().url, 'new-m');
    await control(sb().url, 'POST', '/deployments/new-m/state', { stopping: true });
    const r = await putAlias(sb().url, 'new-m', 'emb', true);
    expect(r.json.error.reason).toBe(NOT_ALLOCATED);
  });

  it.each(['started', 'fully_allocated'])('allows moving to a %s deployment', async (state) => {
    await startDeployment(sb().url, 'old-m');
    await startDeployment(sb().url, 'new-m');
    await control(sb().url, 'POST', '/deployments/new-m/state', { allocation: state });
    const r = await putAlias(sb().url, 'new-m', 'emb', true);
    expect(r.status).toBe(200);
  });

  it.each([{ allocation: 'starting' }, { stopping: true }])('puts no constraint on the new deployment when the old one is %j', async (oldState) => {
    await startDeployment(sb().url, 'old-m');
    await startDeployment(sb().url, 'new-m');
    await control(sb().url, 'POST', '/deployments/old-m/state', oldState);
    await control(sb().url, 'POST', '/deployments/new-m/state', { allocation: 'starting' });
    expect((await putAlias(sb().url, 'new-m', 'emb', true)).status).toBe(200);
  });

  it('still refuses an undeployed new model when the old one is only starting', async () => {
    await startDeployment(sb().url, 'old-m');
    await control(sb().url, 'POST', '/deployments/old-m/state', { allocation: 'starting' });
    const r = await putAlias(sb().url, 'new-m', 'emb', true);
    expect(r.json.error.reason).toBe(NOT_DEPLOYED);
  });

  it('re-asserting the same model with reassign checks it against itself', async () => {
    await startDeployment(sb().url, 'old-m');
    expect((await putAlias(sb().url, 'old-m', 'emb', true)).status).toBe(200);
  });

  if (esVersion === '8.15.0') {
    it('fails self-reassignment when one deployment is started and another starting (8.8+)', async () => {
      await startDeployment(sb().url, 'old-m');
      await startDeployment(sb().url, 'old-m', '?deployment_id=old-m-second');
      await control(sb().url, 'POST', '/deployments/old-m-second/state', { allocation: 'starting' });
      const r = await raw(sb().url, 'PUT', '/_ml/trained_models/old-m/model_aliases/emb?reassign=true');
      expect(r.json.error.reason).toBe('cannot reassign model_alias [emb] to model [old-m]  from model [old-m] as it is not yet allocated to any nodes');
    });
  }
});

describe('PUT alias PyTorch checks on 8.5.0 (none before 8.6)', () => {
  const sb = useSandbox({ esVersion: '8.5.0' });
  it('allows moving from a deployed model to an undeployed one', async () => {
    await putPyTorchModel(sb().url, 'old-m');
    await putPyTorchModel(sb().url, 'new-m');
    await putAlias(sb().url, 'old-m', 'emb');
    await startDeployment(sb().url, 'old-m');
    expect((await putAlias(sb().url, 'new-m', 'emb', true)).status).toBe(200);
  });
});
