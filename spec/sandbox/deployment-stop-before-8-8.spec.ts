/** docs §3.2 stop deployment in 8.0–8.7: model lookup with aliases and wildcards, model-named messages. */
import { useSandbox } from './helpers';
import { raw } from '../support/http-client';
import { putPyTorchModel, putAlias, startDeployment, putPipeline, inferencePipeline } from '../support/fixtures';

const stop = (base: string, id: string, q = ''): ReturnType<typeof raw> => raw(base, 'POST', `/_ml/trained_models/${id}/deployment/_stop${q}`);

describe.each(['8.7.0', '8.5.0'])('stop deployment on %s', (esVersion) => {
  const sb = useSandbox({ esVersion });
  beforeEach(async () => {
    await putPyTorchModel(sb().url, 'torch');
    await startDeployment(sb().url, 'torch');
  });

  it('resolves an alias and stops the model', async () => {
    await putAlias(sb().url, 'torch', 'the-alias');
    expect((await stop(sb().url, 'the-alias')).json).toEqual({ stopped: true });
    const s = await raw(sb().url, 'GET', '/_ml/trained_models/torch/_stats');
    expect(s.json.trained_model_stats[0]).not.toHaveProperty('deployment_stats');
  });

  it('answers a missing explicit id with 404 from the model lookup', async () => {
    const r = await stop(sb().url, 'missing');
    expect(r.status).toBe(404);
    expect(r.json.error.reason).toBe('No known trained model with model_id [missing]');
  });

  it('refuses more than one match', async () => {
    await putPyTorchModel(sb().url, 'torch-two');
    const r = await stop(sb().url, 'torch*');
    expect(r.status).toBe(400);
    expect(r.json.error.reason).toBe('cannot undeploy multiple models at the same time');
  });

  it('answers stopped:true for an undeployed model', async () => {
    await putPyTorchModel(sb().url, 'idle');
    expect((await stop(sb().url, 'idle')).json).toEqual({ stopped: true });
  });

  it('names the model when a pipeline references it', async () => {
    await putPipeline(sb().url, 'p', inferencePipeline('torch'));
    const r = await stop(sb().url, 'torch');
    expect(r.status).toBe(409);
    expect(r.json.error.reason).toBe('Cannot stop deployment for model [torch] as it is referenced by ingest processors; use force to stop the deployment');
  });

  it(`${esVersion === '8.7.0' ? 'refuses' : 'does not check'} an alias referenced by a pipeline`, async () => {
    await putAlias(sb().url, 'torch', 'the-alias');
    await putPipeline(sb().url, 'p', inferencePipeline('the-alias'));
    const r = await stop(sb().url, 'torch');
    if (esVersion === '8.7.0') {
      expect(r.status).toBe(409);
      expect(r.json.error.reason).toBe(
        'Cannot stop deployment for model [torch] as it has a model_alias [the-alias] that is still referenced by ingest processors; use force to stop the deployment',
      );
    } else {
      expect(r.json).toEqual({ stopped: true });
    }
  });
});
